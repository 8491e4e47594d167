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
}
