namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The connector's signing keys could not be fetched (network, timeout, a bad metadata document): no token can be checked now.</summary>
public sealed class SigningKeysUnavailableException : Exception
{
    public SigningKeysUnavailableException()
    {
    }

    public SigningKeysUnavailableException(string message)
        : base(message)
    {
    }

    public SigningKeysUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
