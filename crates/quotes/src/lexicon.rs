//! Word lists: reporting verbs with their lemmas, titles, role nouns and
//! organization nouns. Curated by hand (informed by the Gender Gap Tracker's
//! reporting-verb list), restricted to forms that are rarely anything but a
//! verb, so that a bare word match is a safe cue.

use std::collections::HashMap;

/// How a reporting verb takes its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// `say`-like: whatever follows is the reported clause.
    Say,
    /// `tell`-like: an addressee comes first (`told reporters that ...`).
    Tell,
    /// `announce`-like: the complement may be a plain noun phrase
    /// (`announced a new integration`), so a clause must be evident.
    Announce,
    /// Only introduces quoted words (`called the price “...”`), never an
    /// indirect clause.
    DirectOnly,
    /// A non-speech attribution of the wider notion (`found`, `wants`,
    /// `called for`): the complement, clause or noun phrase, is reported.
    Wide,
}

/// (form, lemma, class). Lower-case forms.
const CUES: &[(&str, &str, CueClass)] = {
    use CueClass::*;
    &[
        ("say", "say", Say),
        ("says", "say", Say),
        ("said", "say", Say),
        ("saying", "say", Say),
        ("tell", "tell", Tell),
        ("tells", "tell", Tell),
        ("told", "tell", Tell),
        ("telling", "tell", Tell),
        ("add", "add", Announce),
        ("adds", "add", Announce),
        ("added", "add", Announce),
        ("adding", "add", Announce),
        ("noted", "note", Announce),
        ("noting", "note", Announce),
        ("write", "write", Announce),
        ("writes", "write", Announce),
        ("wrote", "write", Announce),
        ("writing", "write", Announce),
        ("explained", "explain", Announce),
        ("explains", "explain", Announce),
        ("explaining", "explain", Announce),
        ("argue", "argue", Announce),
        ("argues", "argue", Announce),
        ("argued", "argue", Announce),
        ("arguing", "argue", Announce),
        ("claimed", "claim", Announce),
        ("claiming", "claim", Announce),
        ("insist", "insist", Announce),
        ("insists", "insist", Announce),
        ("insisted", "insist", Announce),
        ("insisting", "insist", Announce),
        ("warned", "warn", Tell),
        ("warns", "warn", Tell),
        ("warning", "warn", Tell),
        ("cautioned", "caution", Tell),
        ("acknowledged", "acknowledge", Announce),
        ("acknowledges", "acknowledge", Announce),
        ("acknowledging", "acknowledge", Announce),
        ("admitted", "admit", Announce),
        ("admits", "admit", Announce),
        ("admitting", "admit", Announce),
        ("suggested", "suggest", Announce),
        ("suggests", "suggest", Announce),
        ("suggesting", "suggest", Announce),
        ("stated", "state", Announce),
        ("asserted", "assert", Say),
        ("asserts", "assert", Say),
        ("contended", "contend", Say),
        ("contends", "contend", Say),
        ("predicted", "predict", Announce),
        ("predicts", "predict", Announce),
        ("replied", "reply", Say),
        ("responded", "respond", DirectOnly),
        ("continued", "continue", DirectOnly),
        ("commented", "comment", DirectOnly),
        ("exclaimed", "exclaim", Say),
        ("declared", "declare", Announce),
        ("declares", "declare", Announce),
        ("confirmed", "confirm", Announce),
        ("confirms", "confirm", Announce),
        ("denied", "deny", Announce),
        ("denies", "deny", Announce),
        ("announce", "announce", Announce),
        ("announced", "announce", Announce),
        ("announces", "announce", Announce),
        ("announcing", "announce", Announce),
        ("reported", "report", Announce),
        ("shared", "share", Announce),
        ("tweeted", "tweet", Announce),
        ("tweets", "tweet", Announce),
        ("revealed", "reveal", Announce),
        ("disclosed", "disclose", Announce),
        ("conceded", "concede", Announce),
        ("concedes", "concede", Announce),
        ("recalled", "recall", Announce),
        ("recalls", "recall", Announce),
        ("emphasized", "emphasize", Announce),
        ("stressed", "stress", Announce),
        ("complained", "complain", Announce),
        ("boasted", "boast", Announce),
        ("testified", "testify", Announce),
        ("informed", "inform", Tell),
        ("reminded", "remind", Tell),
        ("assured", "assure", Tell),
        ("promised", "promise", Announce),
        ("vowed", "vow", Announce),
        ("asked", "ask", DirectOnly),
        ("shouted", "shout", DirectOnly),
        ("shouts", "shout", DirectOnly),
        ("yelled", "yell", DirectOnly),
        ("asks", "ask", DirectOnly),
        ("called", "call", DirectOnly),
        ("calling", "call", DirectOnly),
        ("described", "describe", DirectOnly),
        ("describing", "describe", DirectOnly),
        ("accused", "accuse", DirectOnly),
        ("joked", "joke", Announce),
        ("quipped", "quip", Say),
        ("posted", "post", DirectOnly),
        ("observed", "observe", Announce),
        ("mentioned", "mention", Announce),
        ("estimated", "estimate", Announce),
    ]
};

/// Non-speech attribution verbs of the wider notion (PolNeAR, PARC):
/// beliefs, findings, wishes and stances; (form, lemma). Their complement
/// may be a clause or a noun phrase, and it is reported whole.
const WIDE_CUES: &[(&str, &str)] = &[
    ("show", "show"),
    ("shows", "show"),
    ("showed", "show"),
    ("shown", "show"),
    ("found", "find"),
    ("finds", "find"),
    ("think", "think"),
    ("thinks", "think"),
    ("thought", "think"),
    ("believe", "believe"),
    ("believes", "believe"),
    ("believed", "believe"),
    ("want", "want"),
    ("wants", "want"),
    ("wanted", "want"),
    ("cited", "cite"),
    ("cites", "cite"),
    ("citing", "cite"),
    ("criticized", "criticize"),
    ("criticizes", "criticize"),
    ("criticizing", "criticize"),
    ("endorsed", "endorse"),
    ("endorses", "endorse"),
    ("urged", "urge"),
    ("urges", "urge"),
    ("urging", "urge"),
    ("defended", "defend"),
    ("defends", "defend"),
    ("proposed", "propose"),
    ("proposes", "propose"),
    ("agreed", "agree"),
    ("agrees", "agree"),
    ("hopes", "hope"),
    ("hoped", "hope"),
    ("praised", "praise"),
    ("concluded", "conclude"),
    ("sought", "seek"),
    ("blamed", "blame"),
    ("questioned", "question"),
    ("condemned", "condemn"),
    ("attacked", "attack"),
    ("blasted", "blast"),
    ("pledged", "pledge"),
    ("demanded", "demand"),
    ("feels", "feel"),
    ("felt", "feel"),
    ("fears", "fear"),
    ("knows", "know"),
    ("indicated", "indicate"),
    ("indicates", "indicate"),
    ("estimates", "estimate"),
    ("expects", "expect"),
    ("accused", "accuse"),
    ("accuses", "accuse"),
    ("accusing", "accuse"),
    ("promised", "promise"),
    ("promising", "promise"),
    ("vowed", "vow"),
    ("vowing", "vow"),
    ("asked", "ask"),
    ("asks", "ask"),
    ("responded", "respond"),
    ("continued", "continue"),
    ("described", "describe"),
    ("supported", "support"),
    ("refused", "refuse"),
    // Measured on PolNeAR train: forms that are a gold cue at least 60% of
    // the times they occur.
    ("declined", "decline"),
    ("expressed", "express"),
    ("notes", "note"),
    ("dismissed", "dismiss"),
    ("dismissing", "dismiss"),
    ("rejected", "reject"),
    ("denounced", "denounce"),
    ("denouncing", "denounce"),
    ("ordered", "order"),
    ("reiterated", "reiterate"),
    ("echoed", "echo"),
    ("tweeting", "tweet"),
    ("voiced", "voice"),
    ("touted", "tout"),
    ("touting", "tout"),
    ("vows", "vow"),
    ("pledging", "pledge"),
    ("decried", "decry"),
    ("describes", "describe"),
    ("railed", "rail"),
    ("remarked", "remark"),
    ("recalling", "recall"),
    ("mocked", "mock"),
    ("slammed", "slam"),
    ("slams", "slam"),
    ("blasting", "blast"),
    ("blasts", "blast"),
    ("stating", "state"),
    ("lamented", "lament"),
    ("bemoaned", "bemoan"),
    ("assailed", "assail"),
    ("praises", "praise"),
    ("praising", "praise"),
    ("signaled", "signal"),
    ("hoping", "hope"),
    ("suggest", "suggest"),
    ("refuses", "refuse"),
    ("refusing", "refuse"),
    ("thanked", "thank"),
    ("wondered", "wonder"),
    ("mentioning", "mention"),
    ("warn", "warn"),
    ("referenced", "reference"),
    ("highlighted", "highlight"),
    ("declaring", "declare"),
    ("predicting", "predict"),
    ("likened", "liken"),
    ("discussed", "discuss"),
    ("seeks", "seek"),
];

/// A non-speech attribution verb of the wider notion (lower case): its
/// lemma, if it is one.
pub(crate) fn wide_cue(form: &str) -> Option<&'static str> {
    static INDEX: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| WIDE_CUES.iter().copied().collect())
        .get(form)
        .copied()
}

/// The lemma and class of a reporting-verb form (lower case), if it is one.
pub(crate) fn cue(form: &str) -> Option<(&'static str, CueClass)> {
    static INDEX: std::sync::OnceLock<HashMap<&'static str, (&'static str, CueClass)>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| CUES.iter().map(|&(f, l, c)| (f, (l, c))).collect())
        .get(form)
        .copied()
}

/// Words between a subject and its reporting verb that belong to neither
/// (`Amazon also said`, `she has repeatedly said`).
pub(crate) fn is_pre_cue_filler(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "did"
            | "does"
            | "previously"
            | "recently"
            | "later"
            | "then"
            | "again"
            | "repeatedly"
            | "once"
            | "publicly"
            | "privately"
            | "separately"
            | "earlier"
            | "further"
            | "just"
            | "first"
            | "often"
            | "frequently"
            | "reportedly"
            | "initially"
            | "subsequently"
            | "simply"
            | "long"
            | "since"
            | "ultimately"
            | "openly"
            | "flatly"
            | "quickly"
            | "finally"
            | "already"
    )
}

/// Words that end a noun phrase: verbs, conjunctions, most prepositions.
pub(crate) fn is_np_stop(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "because"
            | "while"
            | "when"
            | "whenever"
            | "if"
            | "although"
            | "though"
            | "as"
            | "than"
            | "so"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "what"
            | "how"
            | "why"
            | "to"
            | "in"
            | "on"
            | "by"
            | "into"
            | "onto"
            | "after"
            | "before"
            | "during"
            | "about"
            | "over"
            | "under"
            | "between"
            | "through"
            | "against"
            | "without"
            | "within"
            | "among"
            | "via"
            | "like"
            | "not"
            | "also"
            | "said"
            | "says"
            | "told"
            | "this"
            | "there"
            | "here"
            | "now"
            | "then"
            | "yet"
            | "even"
            | "just"
            | "only"
            | "still"
            | "however"
            | "according"
            | "since"
            | "until"
            | "unless"
            | "whether"
            | "upon"
            | "across"
            | "around"
            | "toward"
            | "towards"
            | "despite"
            | "amid"
            | "very"
            | "too"
    )
}

/// Subject pronouns that can stand as a speaker.
pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "it" | "they" | "we" | "i" | "you")
}

/// Words that can open a noun phrase as its determiner.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "one"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "another"
            | "other"
            | "both"
            | "each"
            | "most"
            | "few"
    )
}

/// Titles and honorifics dropped from the front of a name (`CEO Andy Jassy`).
pub(crate) fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "ceo"
            | "cfo"
            | "coo"
            | "cto"
            | "president"
            | "sen"
            | "senator"
            | "rep"
            | "representative"
            | "gov"
            | "governor"
            | "mayor"
            | "dr"
            | "mr"
            | "mrs"
            | "ms"
            | "miss"
            | "prof"
            | "professor"
            | "secretary"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "chief"
            | "executive"
            | "officer"
            | "minister"
            | "prime"
            | "judge"
            | "justice"
            | "general"
            | "gen"
            | "col"
            | "lt"
            | "capt"
            | "sgt"
            | "adm"
            | "pope"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "lord"
            | "lady"
            | "sir"
            | "dame"
            | "rev"
            | "speaker"
            | "leader"
            | "attorney"
            | "vice"
            | "deputy"
            | "senior"
            | "press"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "founder"
            | "co-founder"
            | "coach"
            | "commissioner"
            | "ambassador"
            | "candidate"
            | "nominee"
            | "chancellor"
            | "analyst"
            | "economist"
            | "strategist"
            | "manager"
            | "head"
            | "former"
            | "the"
            | "democratic"
            | "democrat"
            | "republican"
            | "gop"
            | "u.s."
            | "state"
            | "sheriff"
            | "detective"
            | "officer."
            | "agent"
            | "inspector"
            | "lawyer"
            | "host"
            | "anchor"
            | "author"
            | "supt"
            | "superintendent"
            | "congressman"
            | "congresswoman"
            | "assemblyman"
            | "assemblywoman"
            | "councilman"
            | "councilwoman"
            | "councillor"
            | "councilor"
            | "mp"
            | "mep"
            | "msp"
    )
}

/// Heads of a noun phrase that name an unnamed spokesperson or source.
pub(crate) fn is_role_noun(word: &str) -> bool {
    matches!(
        word,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "spokespeople"
            | "spokesmen"
            | "spokeswomen"
            | "representative"
            | "representatives"
            | "rep"
            | "official"
            | "officials"
            | "source"
            | "sources"
            | "person"
            | "people"
            | "insider"
            | "insiders"
            | "aide"
            | "aides"
            | "executive"
            | "executives"
            | "employee"
            | "employees"
            | "staffer"
            | "staffers"
            | "adviser"
            | "advisers"
            | "advisor"
            | "advisors"
            | "spokes"
            | "member"
            | "members"
            | "officer"
            | "officers"
            | "analyst"
            | "analysts"
            | "expert"
            | "experts"
            | "observers"
            | "critics"
            | "supporters"
            | "voters"
            | "lawmakers"
            | "residents"
            | "diplomat"
            | "diplomats"
            | "worker"
            | "workers"
            | "leader"
            | "leaders"
            | "strategist"
            | "strategists"
    )
}

/// Role nouns of people who speak for no body (`a person familiar with the
/// plans`, `sources`, `analysts`), unlike a spokesperson or an official.
pub(crate) fn speaks_for_no_body(word: &str) -> bool {
    matches!(
        word,
        "person"
            | "people"
            | "source"
            | "sources"
            | "insider"
            | "insiders"
            | "analyst"
            | "analysts"
            | "expert"
            | "experts"
            | "observers"
            | "critics"
            | "supporters"
            | "voters"
            | "residents"
            | "strategist"
            | "strategists"
    )
}

/// Heads of a noun phrase that stand for an organization (`the company`).
pub(crate) fn is_org_noun(word: &str) -> bool {
    matches!(
        word,
        "company"
            | "studio"
            | "broadcaster"
            | "charity"
            | "consultancy"
            | "watchdog"
            | "nonprofit"
            | "retailer"
            | "business"
            | "firm"
            | "group"
            | "bank"
            | "agency"
            | "campaign"
            | "newspaper"
            | "network"
            | "department"
            | "administration"
            | "ministry"
            | "government"
            | "carrier"
            | "automaker"
            | "airline"
            | "startup"
            | "giant"
            | "chain"
            | "publisher"
            | "maker"
            | "daily"
            | "paper"
            | "organization"
            | "organisation"
            | "committee"
            | "union"
            | "court"
            | "corporation"
            | "conglomerate"
            | "insurer"
            | "lender"
            | "operator"
            | "manufacturer"
            | "brand"
            | "platform"
            | "service"
            | "outlet"
            | "magazine"
            | "website"
            | "site"
            | "store"
            | "supplier"
            | "utility"
            | "provider"
            | "university"
            | "school"
            | "party"
            | "team"
            | "club"
            | "league"
            | "board"
            | "council"
            | "commission"
            | "regulator"
            | "office"
            | "police"
            | "military"
            | "army"
            | "editorial"
            | "exchange"
            | "carmaker"
            | "coalition"
            | "alliance"
    )
}

/// Last words that mark a capitalized name as an organization.
pub(crate) fn is_org_keyword(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Inc"
            | "Corp"
            | "Corporation"
            | "Co"
            | "Company"
            | "Ltd"
            | "LLC"
            | "Group"
            | "Bank"
            | "University"
            | "Department"
            | "Ministry"
            | "Agency"
            | "Committee"
            | "Commission"
            | "Council"
            | "Party"
            | "Association"
            | "Institute"
            | "Foundation"
            | "Post"
            | "Times"
            | "News"
            | "Journal"
            | "Network"
            | "Services"
            | "Technologies"
            | "Systems"
            | "Airlines"
            | "Motors"
            | "Fund"
            | "Board"
            | "Bureau"
            | "Administration"
            | "Office"
            | "Court"
            | "Senate"
            | "House"
            | "Congress"
            | "Campaign"
            | "Club"
            | "Union"
            | "Federation"
            | "Organization"
            | "Press"
            | "Reuters"
            | "Media"
            | "Holdings"
            | "Partners"
            | "Capital"
            | "Securities"
            | "Labs"
            | "Center"
            | "Centre"
            | "Police"
            | "Army"
            | "Navy"
            | "Force"
            | "Service"
            | "Authority"
            | "Review"
            | "Magazine"
            | "Tribune"
            | "Herald"
            | "Gazette"
            | "Street"
            | "Store"
            | "Stores"
            | "Team"
            | "Pictures"
            | "Studios"
            | "Energy"
            | "Pharmaceuticals"
            | "Bancorp"
            | "Industries"
            | "Brands"
            | "Entertainment"
            | "Insurance"
            | "Airways"
            | "Group's"
            | "Labor"
            | "Republicans"
            | "Democrats"
            | "Department's"
            | "Commerce"
            | "Coalition"
            | "Alliance"
            | "AG"
            | "SA"
            | "PLC"
            | "plc"
            | "GmbH"
            | "Exchange"
            | "Therapeutics"
            | "Foods"
    )
}

/// Capitalized words that are not names (sentence openers, months, days).
pub(crate) fn is_capitalized_non_name(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "In"
            | "At"
            | "On"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "But"
            | "And"
            | "Or"
            | "For"
            | "With"
            | "As"
            | "After"
            | "Before"
            | "While"
            | "When"
            | "If"
            | "Other"
            | "Some"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "There"
            | "Here"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Still"
            | "Yet"
            | "So"
            | "Also"
            | "By"
            | "From"
            | "To"
            | "Of"
            | "About"
            | "According"
            | "Meanwhile"
            | "However"
            | "Although"
            | "Though"
            | "Since"
            | "Because"
            | "During"
            | "Under"
            | "Over"
            | "Many"
            | "Most"
            | "More"
            | "All"
            | "Each"
            | "Every"
            | "No"
            | "Not"
            | "One"
            | "Two"
            | "Three"
            | "Last"
            | "Next"
            | "First"
            | "Then"
            | "Now"
            | "Today"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Even"
            | "Only"
            | "Just"
            | "Both"
            | "Such"
            | "Much"
            | "Few"
            | "Several"
            | "Any"
            | "Another"
            | "Despite"
            | "Amid"
            | "Among"
            | "Against"
            | "Without"
            | "Within"
            | "Instead"
            | "Unlike"
            | "Like"
    )
}

/// Words that start a finite clause after a verb of announcing: a subject
/// pronoun or a clause-linking word.
pub(crate) fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "this"
            | "these"
            | "those"
            | "its"
            | "whether"
            | "if"
    )
}

/// Auxiliaries and copulas that show a finite clause.
pub(crate) fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "has"
            | "have"
            | "had"
            | "does"
            | "did"
            | "won't"
            | "isn't"
            | "wasn't"
            | "aren't"
            | "weren't"
            | "doesn't"
            | "didn't"
    )
}

/// Object pronouns and common addressees after `told`.
pub(crate) fn is_addressee_word(word: &str) -> bool {
    matches!(
        word,
        "me" | "him"
            | "her"
            | "them"
            | "us"
            | "you"
            | "reporters"
            | "journalists"
            | "supporters"
            | "investors"
            | "employees"
            | "staff"
            | "analysts"
            | "lawmakers"
            | "voters"
            | "the"
            | "a"
            | "an"
            | "crowd"
            | "audience"
            | "members"
            | "congress"
            | "viewers"
            | "listeners"
            | "readers"
            | "workers"
            | "customers"
            | "shareholders"
    )
}
