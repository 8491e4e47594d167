namespace NgoFunctions.Core.Domain;

/// <summary>How a service request reached us, and so where its citizen is told of changes: a channel's name,
/// stored on the request as text (<see cref="Storage.ServiceRequestEntity.Channel"/>). <see cref="Form"/> and
/// <see cref="Telegram"/> are built in; another channel (a WhatsApp or SMS gateway) names itself, and its
/// <see cref="Notifications.INotificationChannel"/> carries the same name.</summary>
/// <param name="Name">The stored name, e.g. <c>Telegram</c>; compared ordinally.</param>
public readonly record struct RequestChannel(string Name)
{
    /// <summary>The HTML form or the JSON API behind it: followed on the status page, no address.</summary>
    public static readonly RequestChannel Form = new(nameof(Form));

    /// <summary>The citizens' Telegram bot: the address is the private chat's id.</summary>
    public static readonly RequestChannel Telegram = new(nameof(Telegram));

    /// <summary>A partner system through Open311 GeoReport v2: followed by its <c>service_request_id</c> (the
    /// tracking code) on the Open311 and status endpoints, no address.</summary>
    public static readonly RequestChannel Open311 = new(nameof(Open311));

    /// <inheritdoc />
    public override string ToString() => Name;
}
