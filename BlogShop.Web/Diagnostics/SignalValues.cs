using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;

namespace BlogShop.Web.Diagnostics;

/// <summary>
/// One argument of a send as the Signals page shows it. <paramref name="Before"/> is set when the value changed, and
/// <paramref name="BeforeIs"/> says how: receivers changed it during the send (pre_save filling in a title), or it is
/// the database's value before an update.
/// </summary>
public sealed record SignalValue(string Name, string Value, string? Before = null, string? BeforeIs = null);

/// <summary>Turns senders, arguments and model instances into short readable values; never shows secrets.</summary>
internal static class SignalValues
{
    private const int MaxText = 80;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The type a sender is shown by (its name is read when the page shows it: a type's name is rebuilt
    /// whenever the runtime dropped its cache, which a busy site's collections do often).</summary>
    public static Type? SenderType(object? sender) => sender as Type ?? sender?.GetType();

    /// <summary>The instance's simple values before a model signal's receivers run; null for other signals.</summary>
    public static IReadOnlyDictionary<string, string>? Snapshot(object args) =>
        InstanceOf(args) is { } instance ? ValuesOf(instance) : null;

    /// <summary>True for the arguments of a model signal, the only ones <see cref="Snapshot"/> notes values of.</summary>
    public static bool IsModelSend(object args) => args is SaveArgs or DeleteArgs or M2MChangedArgs;

    /// <summary>
    /// What to keep of a send's arguments until the page shows them (<see cref="Values"/>): for the signals every
    /// request sends, their few values as they are now (formatting them, the elapsed time above all, cost more than the
    /// rest of recording the send); request_started keeps its <paramref name="request"/> itself, which holds its method
    /// and path; for the others their description, made now while the instance is as it was sent.
    /// </summary>
    public static object Capture(object? args, TracedRequest request, IReadOnlyDictionary<string, string>? before, bool redact) => args switch
    {
        null => Array.Empty<SignalValue>(),
        RequestStartedArgs => request,
        RequestFinishedArgs finished => CaptureFinished(finished.HttpContext.Response.StatusCode, finished.Elapsed),
        GotRequestExceptionArgs failed => new FailedRequest(failed.Exception),
        TemplateRenderedArgs rendered => new RenderedTemplate(rendered.ViewName, rendered.Model?.GetType()),
        _ => Describe(args, before, redact),
    };

    /// <summary>What <see cref="Capture"/> keeps of request_finished's arguments: its status and time.</summary>
    public static object CaptureFinished(int status, TimeSpan elapsed) => new FinishedRequest(status, elapsed);

    /// <summary>The arguments as shown, from what <see cref="Capture"/> kept; with <paramref name="redact"/> (outside
    /// Development) no exception text and no setting value.</summary>
    public static IReadOnlyList<SignalValue> Values(object captured, bool redact) => captured switch
    {
        TracedRequest started => [new("request", string.Concat(started.Method, " ", started.PathWithoutQuery))],
        FinishedRequest finished => [new("status", finished.Status.ToString(CultureInfo.InvariantCulture)), new("elapsed", $"{finished.Elapsed.TotalMilliseconds:0.0} ms")],
        FailedRequest failed => [new("exception", Error(failed.Exception, redact))],
        RenderedTemplate rendered => [new("template", rendered.ViewName), new("model", rendered.ModelType?.Name ?? "None")],
        _ => (IReadOnlyList<SignalValue>)captured,
    };

    /// <summary>An exception as shown: its type, and its message unless <paramref name="redact"/> (the message may quote
    /// data or configuration).</summary>
    public static string Error(Exception error, bool redact) =>
        redact ? error.GetType().Name : $"{error.GetType().Name}: {Shorten(error.Message)}";

    private static List<SignalValue> Describe(object args, IReadOnlyDictionary<string, string>? before, bool redact)
    {
        var values = new List<SignalValue>();
        switch (args)
        {
            case SaveArgs save:
                values.Add(new("instance", Name(save.Instance)));
                values.Add(new("created", Format(save.Created)));
                values.Add(new("raw", Format(save.Raw)));
                if (save.UpdateFields is { Count: > 0 } fields)
                {
                    values.Add(new("update_fields", string.Join(", ", fields.Order(StringComparer.Ordinal))));
                }

                AddInstance(values, save.Instance, before, save.Previous);
                break;
            case DeleteArgs delete:
                values.Add(new("instance", Name(delete.Instance)));
                if (!ReferenceEquals(delete.Origin, delete.Instance))
                {
                    values.Add(new("origin", Name(delete.Origin)));
                }

                AddInstance(values, delete.Instance, before, previous: null);
                break;
            case SettingChangedArgs setting:
                values.Add(new("setting", setting.Setting));
                if (!redact)
                {
                    values.Add(new("value", Format(setting.Value)));
                }

                values.Add(new("enter", Format(setting.Enter)));
                break;
            default:
                foreach (var property in PropertiesOf(args.GetType()))
                {
                    values.Add(new(property.Name, Format(property.GetValue(args))));
                }

                break;
        }

        return values;
    }

    private static void AddInstance(
        List<SignalValue> values, object instance, IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, object?>? previous)
    {
        foreach (var (name, value) in ValuesOf(instance))
        {
            if (before is not null && before.TryGetValue(name, out var old) && old != value)
            {
                values.Add(new(name, value, old, "changed during the send"));
            }
            else if (previous is not null && previous.TryGetValue(name, out var stored) && Format(stored) is var storedText && storedText != value)
            {
                values.Add(new(name, value, storedText, "the stored value before"));
            }
            else
            {
                values.Add(new(name, value));
            }
        }
    }

    private static object? InstanceOf(object args) => args switch
    {
        SaveArgs save => save.Instance,
        DeleteArgs delete => delete.Instance,
        M2MChangedArgs changed => changed.Instance,
        _ => null,
    };

    private static Dictionary<string, string> ValuesOf(object instance) =>
        PropertiesOf(instance.GetType()).ToDictionary(p => p.Name, p => Format(p.GetValue(instance)), StringComparer.Ordinal);

    private static string Name(object instance) =>
        instance.GetType().GetProperty("Id")?.GetValue(instance) is { } id ? $"{instance.GetType().Name} #{Format(id)}" : instance.GetType().Name;

    /// <summary>Public readable properties of simple types, secrets (passwords, stamps, tokens) left out.</summary>
    private static PropertyInfo[] PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType) && !IsSecret(p.Name))
            .OrderBy(p => p.MetadataToken)]);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) ||
               t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(Type) ||
               (typeof(IEnumerable).IsAssignableFrom(t) && t.IsGenericType && t.GetGenericArguments() is [var item] && IsScalar(item));
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type == typeof(string) || type == typeof(object);

    private static bool IsSecret(string name) =>
        name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Stamp", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("Token", StringComparison.OrdinalIgnoreCase) || name.Contains("Secret", StringComparison.OrdinalIgnoreCase);

    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => $"\"{Shorten(text)}\"",
        bool flag => flag ? "True" : "False",
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        Type type => type.Name,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "{" + string.Join(", ", items.Cast<object?>().Take(10).Select(Format)) + "}",
        _ => value.ToString() ?? "",
    };

    private sealed record FinishedRequest(int Status, TimeSpan Elapsed);

    private sealed record FailedRequest(Exception Exception);

    private sealed record RenderedTemplate(string ViewName, Type? ModelType);

    private static string Shorten(string text) =>
        text.Length <= MaxText ? text.ReplaceLineEndings(" ") : text[..MaxText].ReplaceLineEndings(" ") + "…";
}
