using Monitor.Core.Linking;

namespace Monitor.Tests.Linking;

public class LanguageIdentifierTests
{
    [Theory]
    [InlineData("en", "Armenia and Azerbaijan trade fire on the border", "Four soldiers were killed, the ministry said.")]
    [InlineData("ru", "Пашинян: Армения заморозила членство в ОДКБ", "Премьер-министр заявил, что участие в организации мешало закупкам.")]
    [InlineData("uk", "Вірменія і Азербайджан домовилися про кордон", "Сторони підписали протокол про делімітацію.")]
    [InlineData("hy", "Հայաստանի ԱԳՆ-ն Ադրբեջանի հետ համաձայնագրի մասին", "")]
    [InlineData("az", "Azərbaycanla İsrail arasında hərbi müqavilə", "Ermənistanın mövqeyi və sülh danışıqları.")]
    [InlineData("tr", "Zengezur Koridoru'na uzanan kara ve demir yollarının inşaatı sürüyor", "Azerbaycan ile Nahçıvan arasında yol için bir anlaşma var.")]
    [InlineData("fa", "ایران درباره کریدور زنگزور هشدار داد", "وزیر خارجه گفت که این مسیر برای ایران خط قرمز است.")]
    [InlineData("ar", "أذربيجان وأرمينيا توقعان اتفاق السلام", "قال الوزير إن الاتفاق سيوقع في واشنطن.")]
    [InlineData("de", "Armenien und Aserbaidschan wollen Streit um Berg-Karabach beilegen", "Die Regierung sagte, dass der Vertrag bald unterzeichnet wird.")]
    [InlineData("fr", "Pashinyan: l'Arménie a gelé sa participation à l'OTSC", "Le premier ministre a déclaré que la paix avec l'Azerbaïdjan reste impensable pour l'instant.")]
    [InlineData("it", "L'Ue rinnova la missione di osservazione in Armenia", "La missione della Ue è stata prorogata per due anni con il sostegno di Erevan.")]
    [InlineData("es", "Armenia y Azerbaiyán firman la paz en la Casa Blanca", "El acuerdo fue firmado por los dos líderes según la agencia.")]
    [InlineData("ka", "სომხეთი და აზერბაიჯანი", "")]
    public void Names_the_language_of_a_headline_and_summary(string expected, string title, string summary) =>
        Assert.Equal(expected, LanguageIdentifier.Identify(title, summary));

    [Fact]
    public void Says_so_when_there_is_too_little_to_tell() => Assert.Equal(LanguageIdentifier.Unknown, LanguageIdentifier.Identify("", "42 !"));

    [Fact]
    public void Names_languages_for_people_but_not_english() 
    {
        Assert.Equal("Russian", LanguageNames.OfForeign("ru"));
        Assert.Null(LanguageNames.OfForeign("en"));
        Assert.Null(LanguageNames.OfForeign(LanguageIdentifier.Unknown));
        Assert.Null(LanguageNames.OfForeign(""));
    }
}
