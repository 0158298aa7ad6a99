using Microsoft.AspNetCore.DataProtection;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Encrypts robot URLs (they carry the access token) and secrets at rest with Data Protection.</summary>
public sealed class RobotSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("WorkflowHub.Notices.Robots");

    public string Protect(string value) => _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);
}
