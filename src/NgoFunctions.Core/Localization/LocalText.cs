namespace NgoFunctions.Core.Localization;

/// <summary>A text to say, not yet in a language: a key of <see cref="Texts"/> and its arguments, for
/// a caller that knows the language (<see cref="Texts.Get(LocalText, Domain.Language)"/>). An argument
/// that is a <see cref="LocalText"/> itself is said in the same language (e.g. a status name).</summary>
/// <param name="Key">The text's key.</param>
/// <param name="Args">The values of its placeholders <c>{0}</c>, <c>{1}</c>, in order.</param>
public sealed record LocalText(string Key, params object[] Args);
