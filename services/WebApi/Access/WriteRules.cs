using EduPlatform.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace EduPlatform.WebApi.Access;

/// <summary>
/// The rule every endpoint without a policy of its own follows: any valid token reads; a write needs a
/// clerk of this service's department, and a county office writes only where the endpoint names a
/// county (<see cref="CountyScope"/> then checks it is theirs).
/// </summary>
public sealed class DepartmentWriteRequirement(string department) : IAuthorizationRequirement
{
    public string Department { get; } = department;
}

public sealed class DepartmentWriteHandler : AuthorizationHandler<DepartmentWriteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DepartmentWriteRequirement requirement)
    {
        if (context.Resource is not HttpContext http || context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }
        if (!IsWrite(http.Request.Method))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var caller = Caller.From(context.User);
        if (caller.Department != requirement.Department || !caller.Has(Roles.Clerk))
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"Only the {requirement.Department} department's clerks write to this service; the token is {caller.Describe()}."));
        }
        else if (!caller.IsCityLevel && http.GetEndpoint()?.Metadata.GetMetadata<CountyScope>() is null)
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"Only the city level makes this change; the token is for county {caller.County}'s office."));
        }
        else
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
}

/// <summary>Reads of personal data (teacher and student records): the owning department's tokens only.</summary>
public sealed class OwnDepartmentRequirement(string department) : IAuthorizationRequirement
{
    public string Department { get; } = department;
}

public sealed class OwnDepartmentHandler : AuthorizationHandler<OwnDepartmentRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnDepartmentRequirement requirement)
    {
        var caller = Caller.From(context.User);
        if (caller.Department == requirement.Department)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"These are personal records; only the {requirement.Department} department reads them, and the token is {caller.Describe()}."));
        }
        return Task.CompletedTask;
    }
}
