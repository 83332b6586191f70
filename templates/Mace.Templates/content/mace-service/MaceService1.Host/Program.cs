using Mace.Hosting;
using MaceService1;
using Microsoft.Extensions.Hosting;

// One Membership node: `dotnet run --project MaceService1.Host -- --Mace:Port 5000`, then a second
// with `-- --Mace:Port 5001 --Mace:Bootstrap 127.0.0.1:5000`. Ctrl+C or SIGTERM stops it cleanly.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMaceNode<MembershipApplication>(builder.Configuration);
await builder.Build().RunAsync();
