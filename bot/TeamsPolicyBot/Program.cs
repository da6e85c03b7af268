using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Hosting;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Policy;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workspace;

// Slim: plain HTTP (App Service terminates TLS; the Playground is local), without IIS, HTTP/3 or HTTPS-from-configuration.
var builder = WebApplication.CreateSlimBuilder(args);
builder.UseStartupJitProfile();

builder.AddServiceDefaults();
builder.Services.AddBotProtocol(builder.Configuration);
builder.Services.AddPolicySettings();
builder.Services.AddTableStorage(builder.Configuration);
builder.Services.AddOutbox();
builder.Services.AddReminders();
builder.Services.AddCardTemplates();
builder.Services.AddPolicyPage();
builder.Services.AddConversations();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddAccountRequests();
builder.Services.AddIncidents();
builder.Services.AddHarassmentSupport();
builder.Services.AddRetention();
builder.Services.AddPersonalData();
builder.Services.AddWorkspace();

var app = builder.Build();

app.MapBotEndpoint("/api/messages");
app.MapServiceDefaults();
app.MapPolicyPage();
app.MapWorkspace();

app.Run();

public partial class Program;
