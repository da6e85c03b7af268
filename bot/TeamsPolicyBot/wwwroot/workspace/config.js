"use strict";
(async function () {
  const status = document.getElementById("config-status");
  if (!(await window.workspaceTeams.initialize())) {
    status.textContent = "Open this page from Teams, when you add the Comms workspace tab to a channel.";
    return;
  }
  const contentUrl = new URL("/workspace", window.location.origin).toString();
  microsoftTeams.pages.config.registerOnSaveHandler((save) => {
    microsoftTeams.pages.config
      .setConfig({ entityId: "comms-workspace", contentUrl, websiteUrl: contentUrl, suggestedDisplayName: "Comms workspace" })
      .then(() => save.notifySuccess())
      .catch((error) => save.notifyFailure(String(error)));
  });
  microsoftTeams.pages.config.setValidityState(true);
})();
