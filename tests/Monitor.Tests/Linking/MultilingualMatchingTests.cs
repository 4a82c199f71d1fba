using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;

namespace Monitor.Tests.Linking;

/// <summary>Spellings in other languages and scripts: the claims file's `spellings`, stems and endings, evidence with languages.</summary>
public class MultilingualMatchingTests
{
    internal static readonly TextAnalysis Analysis = new();

    private const string ClaimsYaml = """
        article: {id: test, published: 2022-09-20}
        terms:
          armenia: [Armenia, Armenian, Yerevan]
          azerbaijan: [Azerbaijan, Azerbaijani, Baku]
          peace: [peace, peace treaty, talks]
        spellings:
          "@armenia":
            ru: [Армения, Ереван]
            az: [Ermənistan]
            fa: [ارمنستان]
            de: [Armenien]
          "@azerbaijan":
            ru: [Азербайджан]
            az: [Azərbaycan]
            fa: [جمهوری آذربایجان]
            de: [Aserbaidschan]
          "@peace":
            ru: [мирный договор, мир]
            az: [sülh, danışıqlar]
            fa: [صلح, مذاکرات]
            de: [Frieden]
        topics:
          - id: peace-treaty
            all: [["@armenia"], ["@azerbaijan"]]
            any: ["@peace"]
        claims:
          - id: K1
            topics: [peace-treaty]
            text: A treaty is signed.
            all: [[signed, signing]]
            any: [treaty]
        """;

    private static ClaimMatcher Matcher(LinkingOptions? options = null) =>
        new(ClaimsFile.Parse(ClaimsYaml, "test.yaml", _ => ""), Analysis, options ?? new LinkingOptions());

    internal static FeedItem Item(string title, string summary = "") => new()
    {
        Id = "0123456789abcdef0123456789abcdef", Url = "https://news.example/x", Title = title, Summary = summary,
        Published = new DateTimeOffset(2023, 5, 1, 0, 0, 0, TimeSpan.Zero),
        Source = "Wire", FeedUrl = "https://news.example/rss", FirstSeen = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void Russian_inflections_find_the_dictionary_forms()
    {
        var link = Matcher().Match(Item("Армения и Азербайджан обсудили проект мирного договора", "Переговоры прошли в Ереване."))!;
        var topic = Assert.Single(link.Topics);
        Assert.Equal("ru", link.Lang);
        Assert.Contains("ru:Армения", topic.Evidence.Terms);          // "Армения" itself
        Assert.Contains("ru:Ереван", topic.Evidence.Terms);           // found as "Ереване"
        Assert.Contains("ru:мирный договор", topic.Evidence.Terms);   // found as "мирного договора"
        Assert.Equal("Армения и Азербайджан обсудили проект мирного договора", topic.Evidence.Sentence);
    }

    [Fact]
    public void Azerbaijani_suffixes_and_dotless_letters_are_tolerated()
    {
        var link = Matcher().Match(Item("Ermənistanın Azərbaycanla sülh danışıqları davam edir", "Bakıda yeni raund keçiriləcək."))!;
        Assert.Equal("az", link.Lang);
        Assert.Equal("peace-treaty", Assert.Single(link.Topics).TopicId);
    }

    [Fact]
    public void Persian_words_after_a_zero_width_non_joiner_are_one_word()
    {
        var link = Matcher().Match(Item("مذاکرات صلح ارمنستان‌ و جمهوری آذربایجان", "وزیران خارجه در این باره گفتگو کردند."))!;
        Assert.Equal("fa", link.Lang);
        Assert.Single(link.Topics);
    }

    [Fact]
    public void Short_stems_are_matched_exactly()
    {
        // "мир" (peace) is three letters: it must not find "мировой" (world), and nothing else here is a peace word.
        Assert.Null(Matcher().Match(Item("Армения и Азербайджан на мировом рынке", "Экономисты обсуждают цены.")));
        Assert.NotNull(Matcher().Match(Item("Армения и Азербайджан: мир близок", "Экономисты обсуждают цены.")));
    }

    [Fact]
    public void Endings_are_bounded()
    {
        // German "Frieden" stems to "fried"; three more letters at most, so "Friedrich" is not peace.
        Assert.Null(Matcher().Match(Item("Armenien und Aserbaidschan: Friedrich Merz reist nach Baku", "Der Kanzler trifft die Regierung.")));
        Assert.NotNull(Matcher().Match(Item("Armenien und Aserbaidschan schließen Frieden", "Der Vertrag wird unterzeichnet.")));
    }

    [Fact]
    public void Spellings_are_not_looked_for_in_english_items()
    {
        // "Armenien" is German; an English item spelling it so (a quoted name) links by English terms only.
        var link = Matcher().Match(Item("Armenien and Azerbaijan hold peace talks in Baku", "The ministers met for the third time this year."));
        Assert.Null(link);
    }

    [Fact]
    public void Spellings_can_be_switched_off_for_ablation()
    {
        var item = Item("Армения и Азербайджан обсудили проект мирного договора");
        Assert.NotNull(Matcher().Match(item));
        Assert.Null(Matcher(new LinkingOptions { Spellings = false }).Match(item));
    }

    [Fact]
    public void A_term_inside_a_longer_one_does_not_count_on_its_own()
    {
        const string yaml = """
            article: {id: test, published: 2022-09-20}
            topics:
              - id: peace
                all: [[Armenia]]
                any: [peace]
              - id: route
                all: [[Armenia]]
                any: [Trump Route for International Peace and Prosperity]
            """;
        var matcher = new ClaimMatcher(ClaimsFile.Parse(yaml, "t.yaml", _ => ""), Analysis, new LinkingOptions());
        var link = matcher.Match(Item("Armenia backs the Trump Route for International Peace and Prosperity"))!;
        Assert.Equal("route", Assert.Single(link.Topics).TopicId);
        var loose = new ClaimMatcher(ClaimsFile.Parse(yaml, "t.yaml", _ => ""), Analysis, new LinkingOptions { LongestMatch = false });
        Assert.Equal(2, loose.Match(Item("Armenia backs the Trump Route for International Peace and Prosperity"))!.Topics.Count);
    }

    [Fact]
    public void A_claim_in_sentence_scope_needs_its_parts_in_one_sentence()
    {
        var item = Item("Armenia and Azerbaijan hold peace talks", "A treaty is planned. It could be signed next year.");
        Assert.Single(Matcher(new LinkingOptions { ClaimScope = ClaimScope.Item }).Match(item)!.Claims);
        Assert.Empty(Matcher(new LinkingOptions { ClaimScope = ClaimScope.Sentence }).Match(item)!.Claims);
        var together = Item("Armenia and Azerbaijan hold peace talks", "The treaty could be signed next year.");
        Assert.Single(Matcher(new LinkingOptions { ClaimScope = ClaimScope.Sentence }).Match(together)!.Claims);
    }

    [Theory]
    [InlineData("english", "spellings of '@armenia': 'english' is not a language code")]
    [InlineData("en", "spellings of '@armenia': 'en' is not a language code")]
    public void A_bad_language_code_is_a_clear_error(string code, string message)
    {
        var yaml = ClaimsYaml.Replace("    ru: [Армения, Ереван]", $"    {code}: [Армения, Ереван]");
        var e = Assert.Throws<MonitorInputException>(() => ClaimsFile.Parse(yaml, "test.yaml", _ => ""));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Spellings_of_an_undefined_group_are_an_error()
    {
        var yaml = ClaimsYaml.Replace("\"@peace\":", "\"@paix\":");
        Assert.Contains("spellings of undefined term group '@paix'",
            Assert.Throws<MonitorInputException>(() => ClaimsFile.Parse(yaml, "test.yaml", _ => "")).Message);
    }

    [Fact]
    public void Explain_names_the_terms_with_their_language_and_the_parts_that_failed()
    {
        var e = Matcher().Explain(Item("Армения и Азербайджан обсудили проект мирного договора"));
        Assert.Equal("ru", e.Lang);
        Assert.Contains(e.Terms, t => t.Term == "ru:Армения" && t.Lang == "ru" && t.Text == "Армения");
        Assert.Contains(e.Terms, t => t.Term == "ru:мирный договор" && t.Text == "мирного договора");
        var topic = Assert.Single(e.Topics);
        Assert.True(topic.Linked);
        Assert.All(topic.Parts, p => Assert.True(p.Held));
        var claim = Assert.Single(e.Claims);
        Assert.False(claim.Linked);
        Assert.Equal("not linked: all 1, any, own term not held", claim.Why);
        Assert.True(claim.Parts.Single(p => p.Name == "topic").Held);

        var unrelated = Matcher().Explain(Item("Армения и Грузия"));
        Assert.False(Assert.Single(unrelated.Topics).Linked);
        Assert.Contains("all 2", unrelated.Topics[0].Why);
    }

    [Fact]
    public void The_seed_article_links_the_story_in_its_languages()
    {
        var matcher = new ClaimMatcher(ArticleCatalog.LoadSeed(), Analysis, new LinkingOptions());
        (string Title, string Summary, string Topic)[] cases =
        [
            ("Пашинян: Армения заморозила членство в ОДКБ", "Премьер-министр Армении заявил, что Армения заморозила членство в организации.", "russia-csto"),
            ("Հայաստանն ու Ադրբեջանը նախաստորագրեցին խաղաղության պայմանագիրը", "Բանակցությունները տեղի ունեցան Վաշինգտոնում։", "peace-treaty"),
            ("Ermənistan və Azərbaycan sərhəddə atışma", "Ermənistan silahlı qüvvələri Azərbaycan mövqelərini atəşə tutub.", "border-clashes"),
            ("Zengezur Koridoru'nun inşaatı sürüyor", "Azerbaycan ile Nahçıvan arasında demir yolu yapılıyor.", "zangezur-corridor"),
            ("ایران: تغییر مرزها در قفقاز خط قرمز است", "وزیر خارجه ایران درباره مرز ارمنستان هشدار داد.", "iran-caucasus"),
            ("Berg-Karabach: Flüchtlinge erreichen Armenien", "Mehr als 100.000 Menschen sind aus der Region geflohen.", "nagorno-karabakh"),
            ("أرمينيا وأذربيجان توقعان اتفاق سلام", "قال الوزير إن المفاوضات انتهت.", "peace-treaty"), // "وأذربيجان": "and" written onto the name
            ("Örményország és Azerbajdzsán békeszerződést írt alá", "A tárgyalások Washingtonban zajlottak.", "peace-treaty"),
        ];
        foreach (var (title, summary, topic) in cases)
            Assert.Contains(matcher.Match(Item(title, summary))?.Topics ?? [], t => t.TopicId == topic);
    }
}
