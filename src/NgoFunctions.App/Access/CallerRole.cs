namespace NgoFunctions.App.Access;

/// <summary>Who may call a protected HTTP function, by the key in <c>X-Api-Key</c>.</summary>
public enum CallerRole
{
    /// <summary>The admin key (registry, NGO keys, operations).</summary>
    Admin,

    /// <summary>The ministry's monitoring key, or the admin key (the admin may see what the ministry sees).</summary>
    Ministry,

    /// <summary>An NGO's own key (the NGO API); the admin key opens none of these. The NGO it belongs to is
    /// the function's <see cref="CallerNgo"/>.</summary>
    Ngo,

    /// <summary>An Open311 partner's key (a civic-report app that posts requests), in <c>X-Api-Key</c> or, as
    /// GeoReport v2 sends it, in the form's <c>api_key</c>; refused with the spec's 403 error, not 401. The
    /// partner it belongs to is the function's <see cref="CallerPartner"/>.</summary>
    Partner,
}
