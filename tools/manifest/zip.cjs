// A minimal zip writer: deflated (or stored, when deflate does not help) files, no zip64, no encryption.
// Enough for a Teams app package (a manifest and two icons). Entries carry a fixed timestamp
// so that the same input gives the same bytes.
'use strict';

const zlib = require('node:zlib');

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// MS-DOS date and time of 2025-01-01 00:00:00.
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
const VERSION_NEEDED = 20; // 2.0: deflate
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;

/**
 * Builds a zip archive.
 * @param {{ name: string, data: Buffer }[]} entries  names use '/' and must be unique
 * @returns {Buffer}
 */
function createZip(entries) {
  const names = new Set();
  const localParts = [];
  const centralParts = [];
  let offset = 0;

  for (const { name, data } of entries) {
    if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`invalid zip entry name: ${JSON.stringify(name)}`);
    }
    if (names.has(name)) throw new Error(`duplicate zip entry: ${name}`);
    names.add(name);

    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? METHOD_DEFLATE : METHOD_STORE;
    const compressed = method === METHOD_DEFLATE ? deflated : data;
    const crc = crc32(data);

    // The local header and the central directory entry share one run of fields.
    const writeShared = (header, at) => {
      header.writeUInt16LE(VERSION_NEEDED, at);
      header.writeUInt16LE(FLAG_UTF8, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(DOS_TIME, at + 6);
      header.writeUInt16LE(DOS_DATE, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(compressed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
      // at + 24: extra field length stays 0
    };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    writeShared(local, 4);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(VERSION_NEEDED, 4); // version made by
    writeShared(central, 6);
    // 32: comment length, 34: disk number, 36: internal and 38: external attributes stay 0
    central.writeUInt32LE(offset, 42); // where the local header starts

    localParts.push(local, nameBytes, compressed);
    centralParts.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }

  const centralDirectory = Buffer.concat(centralParts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  // 4: this disk, 6: disk with the central directory both 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  // 20: comment length 0

  return Buffer.concat([...localParts, centralDirectory, end]);
}

module.exports = { createZip, crc32 };
