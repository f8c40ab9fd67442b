//! The phrase table: wording that web pages use for their furniture.
//!
//! Phrases are one feature of the classifier, not the classifier: a unit
//! that matches one is flagged only when it is short (see
//! [`MAX_WORDS`]) and not a quotation, and the context rules in
//! `classify.rs` catch furniture no phrase knows. Each entry is matched
//! against a whole unit (a paragraph, usually one line) with its white space
//! trimmed, so "Advertisement" alone on a line is flagged while "the
//! advertisement ran on Sunday" is not. Extend it from the configuration
//! with `boilerplate.extra_patterns`; exempt lines with `boilerplate.allow`.

use std::sync::LazyLock;

use regex::RegexSet;

/// What kind of page furniture a phrase names. The kind picks the
/// sentence that explains the finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Cue {
    /// "Also Read: …", "Read more", "Click here …": a link to another page.
    LinkTeaser,
    /// "Related Posts", "Related videos:", "More from …": the heading of a
    /// list of links; may start a block.
    RelatedHeading,
    /// "Frequently Asked Questions …": may start a generated FAQ block.
    FaqHeading,
    /// "Filed under:", "Tags:", "Topics:".
    SectionLabel,
    /// "Share this", "Print", "Email this article", social network names.
    Share,
    /// "Leave a Reply", "12 Comments", "Your email address will not be published".
    Comments,
    /// "Sign up for our newsletter".
    Newsletter,
    /// "Sign in", "Already have an account?", notification messages.
    Account,
    /// Cookie and consent notices.
    Cookies,
    /// "Advertisement", "Sponsored content".
    Advertisement,
    /// Video and gallery widgets: "Please enable Javascript to watch this video".
    Media,
    /// "Gallery: …", "Photo: …", "Pictured: …".
    Caption,
    /// "Photo: … / Getty Images", "image source from: …", "(AP Photo/…)".
    PhotoCredit,
    /// "By …", "Valley Courier staff", "Written by …".
    Byline,
    /// "… contributed to this report.", "(Reporting by …; editing by …)".
    Credit,
    /// "© 2016 …", "All rights reserved."
    Copyright,
    /// "Published … | Updated …", "Last Updated at …".
    PageDate,
    /// "Stay with … for more", "Check back for updates", "Follow us on …".
    CallToAction,
    /// "Home", "Contact us", "Privacy Policy", "News | Sport | Weather":
    /// the site's own menus.
    SiteNav,
}

impl Cue {
    /// A sentence saying what the unit is, for messages and hovers.
    pub fn explain(self) -> &'static str {
        match self {
            Cue::LinkTeaser => {
                "Link teaser left from the page: it points the reader to another article"
            }
            Cue::RelatedHeading => "Heading of the page's list of links to other articles",
            Cue::FaqHeading => "Heading of a questions-and-answers block",
            Cue::SectionLabel => "Section or tag label of the page, not part of the article",
            Cue::Share => "Sharing or printing button text left from the page",
            Cue::Comments => "Comment form or comment count left from the page",
            Cue::Newsletter => "Newsletter sign-up prompt left from the page",
            Cue::Account => "Sign-in or account message of the website, not the article",
            Cue::Cookies => "Cookie or consent notice of the website",
            Cue::Advertisement => "Advertising label left from the page",
            Cue::Media => "Video or gallery player text left from the page",
            Cue::Caption => {
                "Media caption left from the page (labelled as a gallery, photo or video)"
            }
            Cue::PhotoCredit => "Photo credit or image source left from the page",
            Cue::Byline => "Byline: who wrote the article, not what it says",
            Cue::Credit => "Credit line (who reported or edited), not part of the story",
            Cue::Copyright => "Copyright notice of the page",
            Cue::PageDate => {
                "Publication stamp of the page (published, updated), not part of the story"
            }
            Cue::CallToAction => {
                "Call to action addressed to the reader (follow, check back, send a tip)"
            }
            Cue::SiteNav => "Link of the site's own menus (home, contact, privacy, sections)",
        }
    }
}

/// Units with more words than this are never matched: a phrase inside a
/// long paragraph is the reporter's, not the page's.
pub const MAX_WORDS: u32 = 30;

/// The table. Patterns are anchored by hand; `(?i)` is set for all.
static TABLE: &[(Cue, &str)] = &[
    // ---- links to other articles
    (
        Cue::LinkTeaser,
        r"^(?:also read|read also|also see|read more|read next|more reading|see also|related(?: (?:story|article|content|coverage|link|video|reading))?|recommended(?: reading| story)?|suggested(?: reading)?|don'?t miss|must read|trending|watch|listen|more|more on this(?: story)?|top story|breaking|latest)\s*[:|>»›]+\s*\S.*$",
    ),
    (
        Cue::LinkTeaser,
        r"^(?:read more|continue reading|read (?:the )?full (?:story|article)|full (?:story|article)|more (?:»|>>)|read on|view (?:the )?(?:full|original) (?:story|article)|see more|show more|load more(?: stories)?|view more|more stories|go to .*news)\W*$",
    ),
    (Cue::LinkTeaser, r"^(?:click|tap) (?:here|on|to|the)\b.*$"),
    (
        Cue::LinkTeaser,
        r"^(?:read|see|watch|listen)\b.*\b(?:here|below)\s*[:.!]?$",
    ),
    // ---- headings of link lists
    (
        Cue::RelatedHeading,
        r"^(?:related(?: [\w’']+){0,2}|recommended(?: for you| stories| reading| videos?| articles)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|(?:most|the most) (?:read|popular|viewed|shared|emailed|commented|watched)(?: [\w’']+){0,2}|read next|up next|what to read next|further reading|around the web|from (?:the|our) (?:web|partners|network)|sponsored (?:stories|links|content)|promoted stories|in case you missed it|recent (?:posts|stories|articles|news)|editor'?s'? picks?|trending(?: now| stories| news| articles| videos)?|top (?:stories|news|headlines|videos)|(?:latest|more|other|popular|featured|similar|previous|next)(?: [\w’'&-]+){0,3} (?:news|stories|headlines|videos|articles|posts|reads|galleries)|more (?:from|on|in|about|like this)\b.*|people (?:also|who read this also) (?:read|viewed|liked)|also on [\w .-]+|news tracker\b.*)\s*[:.…]?$",
    ),
    (
        Cue::FaqHeading,
        r"^(?:frequently asked questions|faqs?|questions and answers|common questions|q\s*&\s*a|q and a|key questions)\b.*$",
    ),
    // ---- labels, sharing, comments
    (
        Cue::SectionLabel,
        r"^(?:filed (?:under|in)|posted (?:in|under)|tags?|tagged(?: with| in)?|topics?|categories|category|keywords|subjects?|related (?:topics|tags|searches)|more about|sections?)\s*(?::.*)?$",
    ),
    (
        Cue::Share,
        r"^(?:share|share (?:this|the|on|via|by|to)(?: [\w+]+){0,4}|share this\s*:.*|tweet(?: this)?|pin(?: it)?|email(?: this(?: article| story| page)?| to a friend| a friend)?|e-mail(?: this)?(?: article| story)?|print(?: this(?: article| story| page)?)?|printer[- ]friendly(?: version)?|print[- ]friendly(?: version)?|save(?: (?:article|story|for later))?|bookmark(?: this)?|copy link(?: copy)?|copy (?:the )?url|link copied|facebook|twitter|linkedin|whatsapp|pinterest|reddit|google\+?|instagram|youtube|flipboard|messenger|tumblr|digg(?: this)?|del\.icio\.us|stumbleupon|newsvine|sms|more|close|(?:like|loading)\.{3}|like this\s*:.*|(?:adjust|change|increase|decrease)? ?(?:font|text) size:?|a\s*a\s*a|\(?what'?s this\??\)?|\(\d+ votes?\)|rate this(?: article)?:?|\d+ shares?)\W*$",
    ),
    (
        Cue::Comments,
        r"^(?:leave a (?:reply|comment|response)|post a comment|add (?:a|your) comment|add comment|write a comment|comments?|\d+ (?:pending )?(?:comments?|responses?|replies)|comments? \(\d+\)|(?:view|show|hide|read|see) (?:all )?(?:\d+ )?comments|join the (?:conversation|discussion|debate)\b.*|have your say\b.*|comment on this (?:story|article)|be the first to comment\b.*|no comments(?: yet)?|reader comments|your email address will not be published\b.*|required fields are marked\b.*|you must be logged in to post a comment\b.*|cancel reply|post comment|submit comment|comments are (?:closed|disabled)\b.*|comment policy|comments? guidelines|discuss this (?:story|article)|(?:name|email|website)\s*\*?)\W*$",
    ),
    (
        Cue::Newsletter,
        r"^(?:.*\b(?:sign up|signup|subscribe|register|receive|get)\b.*\b(?:e-?newsletters?|newsletters?|news ?alerts?|briefings?|daily email|email updates)\b.*|(?:email )?newsletters?|e-?newsletter sign ?up|subscribe(?: now| today| here)?|subscribe to [\w .'’-]+)\W*$",
    ),
    (
        Cue::Account,
        r"^(?:sign in|sign-in|log ?in|log out|sign out|sign up|register(?: now)?|create (?:an|your|a free) account\b.*|already (?:have an account|a subscriber|a member|registered)\b.*|forgot (?:your )?password\??|welcome back\b.*|not a (?:member|subscriber)\b.*|don'?t have an account\b.*|thank you for (?:registering|signing up|subscribing)\b.*|my account|manage (?:your )?(?:account|subscription)|your (?:notification|account|profile|subscription|comment) (?:has been|was)\b.*|there was a problem (?:saving|with) your\b.*|we have sent (?:you )?an? (?:email|verification|confirmation)\b.*|please (?:check|verify|confirm) your (?:email|inbox)\b.*|email notifications are\b.*|get email notifications\b.*|why are we asking this\??|you are the owner of this (?:article|page)\b.*|you must enter the characters\b.*|by (?:submitting|registering|signing up|clicking|continuing)\b.*\b(?:terms|privacy)\b.*|just one more thing\W*|(?:first|last) name|password|username|e-?mail address|(?:remember me|keep me logged in))\W*$",
    ),
    (
        Cue::Cookies,
        r"^(?:.*\b(?:we use|this (?:site|website) uses|uses? cookies|accept(?: all)? cookies|cookie (?:policy|settings|preferences|consent)|by continuing to (?:browse|use)\b).*|cookies? (?:policy|settings|preferences)|accept(?: all)?|reject all|manage (?:cookies|preferences)|got it)\W*$",
    ),
    (
        Cue::Advertisement,
        r"^(?:advertisement|advertisements|advertising|advert|ads?|sponsored(?: content| post| links?| by .+)?|paid (?:content|post|partnership|for by .+)|promoted(?: content| stories)?|(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?|continue reading (?:below|the main story)|scroll (?:down )?to continue\b.*|skip (?:ad|advertisement)|ad feedback|report (?:this )?ad|advertise with us)\W*$",
    ),
    (
        Cue::Media,
        r"^(?:please enable javascript\b.*|(?:your )?browser does not support\b.*|(?:watch|play|view|listen to|see) (?:the )?(?:video|audio|report|clip|slideshow|gallery|photos|full interview|livestream|live stream)\b.*|video(?: player)?|videos|audio|hide transcript(?: show transcript)?|show transcript|transcript|click to (?:enlarge|expand|play)|enlarge (?:this )?(?:image|photo)|(?:open|view|launch) (?:the )?(?:image |photo )?gallery|\d+ (?:photos|images|pictures)|(?:photo|image|slide) \d+ of \d+|\d+ of \d+|loading(?: video)?\W*|now playing|autoplay\b.*|(?:un)?mute|replay|mobile ?/ ?tablet users\b.*|media playback is unsupported\b.*|this video (?:is|has been)\b.*|video (?:unavailable|not available)\b.*)\W*$",
    ),
    (
        Cue::Caption,
        r"^(?:gallery|photo|photos|pictured|picture|image|caption|file photo|video|slideshow|in pictures|watch)\s*:\s*\S.*$",
    ),
    (
        Cue::PhotoCredit,
        r"^(?:(?:photo|image|picture|photograph|graphic|illustration|video)s?(?: credit| source)?|credit|courtesy|image source|photo source|source image)\s*(?::|by|from|courtesy of)\s*.*$",
    ),
    (
        Cue::PhotoCredit,
        r"^.*(?:[/|]\s*(?:getty images|ap photo|ap images|associated press|reuters|afp|epa(?:-efe)?|shutterstock|istock(?:photo)?|alamy|pa images|pa wire|bloomberg|zuma(?: press)?|nurphoto|anadolu|xinhua|imago|sipa)\b.*|\((?:ap|afp|reuters|epa|getty)(?: photo| images)?(?:\s*/[^)]*)?\))\W*$",
    ),
    // ---- who wrote it
    (
        Cue::Byline,
        r"^(?:by|written by|reported by|posted by|words by|story by)\s+(?-i:\p{Lu})[\p{L}.'’-]*(?:,?\s+(?:(?-i:\p{Lu})[\p{L}.'’-]*|and|&|de|da|del|della|di|du|van|von|der|den|la|le|bin|al|ibn|y))*(?:\s*(?:[,|/–—-]|and|&)\s*.*)?$",
    ),
    (
        Cue::Byline,
        r"^(?:author|reporter|writer|words|story|text|by)\s*:\s*.+$",
    ),
    (
        Cue::Byline,
        r"^(?-i:\p{Lu})[\p{L}'’.-]+(?:\s+(?-i:\p{Lu})[\p{L}'’.&-]+){0,4},?\s+(?:staff(?: writer| reporter| report)?|staff and (?:wire|agency) reports|correspondent|contributor|contributing (?:writer|editor)|senior (?:writer|reporter|editor|correspondent)|reporter|news editor|columnist|special correspondent|wire (?:services|reports))$",
    ),
    (
        Cue::Byline,
        r"^(?:(?:from )?(?:the )?(?:associated press|wire reports|staff reports|wire services|news services|agencies)|(?:ap|afp|reuters|upi|cnn|bbc news|pti|ians|ani|efe|dpa))$",
    ),
    (
        Cue::Credit,
        r"^.*\bcontributed(?: reporting)?(?: to| for)? (?:this|the) (?:report|story|article)\W*$",
    ),
    (
        Cue::Credit,
        r"^\(?(?:additional )?(?:reporting|writing|editing|research|compiled|translated|produced|edited|written) by\b.*$",
    ),
    (
        Cue::Credit,
        r"^this (?:article|story|report) (?:was )?(?:originally |first )?(?:published|appeared|posted)\b.*$",
    ),
    (Cue::Copyright, r"^(?:\(?©|\(c\)|copyright\b).*$"),
    (Cue::Copyright, r"^.*\ball rights reserved\b.*$"),
    (
        Cue::Copyright,
        r"^this material may not be (?:published|broadcast)\b.*$",
    ),
    (
        Cue::SiteNav,
        r"^(?:home|homepage|contact(?: us)?|about(?: us)?|site ?map|back to top|top of page|accessibility|skip to (?:main )?content|skip navigation|privacy(?: policy| notice)?|terms of (?:use|service)|terms (?:and|&) conditions|careers|advertise(?: with us)?|help|search|menu|navigation|main menu|log ?in|advanced search|previous|next|prev|back|(?:previous|next) (?:story|article|page|post)\b.*)\W*$",
    ),
    (
        Cue::SiteNav,
        r"^[^|•·]+(?:\s*[|•·]\s*[^|•·]+){2,}\s*[|•·]?$",
    ),
    (
        Cue::PageDate,
        r"^(?:published|updated|posted|last updated|last modified|first published|originally published|modified|date|created)\s*(?::|on\b|at\b|by\b|\||\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|$).*$",
    ),
    (
        Cue::PageDate,
        r"^.*\b(?:posted|published)\s*:?\s.*\b(?:updated|modified)\s*:?\s.*$",
    ),
    (
        Cue::CallToAction,
        r"^(?:stay (?:with|tuned to|tuned with) .+\bfor\b.*|stay tuned\b.*|check back (?:later |soon |often )?(?:for|to)\b.*|follow (?:us|@\w+|[\w .'’-]+) on (?:twitter|facebook|instagram|x|tiktok|youtube|threads|linkedin)\b.*|follow (?:us|@\w+)\b.*|like us on facebook\b.*|stay up to date\b.*|(?:download|get) (?:our|the) [\w .'’-]*\bapp\b.*|report an error\b.*|(?:submit|send) (?:us )?(?:a|your) (?:news )?tips?\b.*|(?:got|have) a (?:news |story )?tip\??.*|see a typo\b.*|(?:send|share) (?:us )?your (?:stories|photos|videos|pics|news)\b.*|join (?:us|our [\w ]+) on\b.*|for (?:more|the latest) (?:[\w-]+ ){0,2}(?:news|stories|updates|coverage)\b.*|this is a developing story\b.*|more to come|refresh (?:this page|for updates)\b.*|get (?:the )?(?:latest|breaking) news\b.*|keep up to date\b.*|(?:sign up|register) (?:now|today|here|for free)\b.*|get involved\b.*|send your (?:stories|videos|pics|photos))\W*$",
    ),
    // ---- Spanish-language sites: the same kinds of furniture
    (
        Cue::LinkTeaser,
        r"^(?:(?:lea|lee|leer|vea|ve|mira|escuche|escucha) (?:también|además|más)|te (?:puede|podría) interesar|le (?:puede|podría) interesar|también te puede interesar|noticias? relacionadas?|artículos? relacionados?|relacionad[oa]s?|más información|recomendado|última hora|de interés)\s*[:|>»›]+\s*\S.*$",
    ),
    (
        Cue::LinkTeaser,
        r"^(?:leer más|lea más|lee más|seguir leyendo|sigue leyendo|continuar leyendo|ver más|ver nota completa|cargar más(?: noticias)?|más noticias|(?:haz|haga) clic aquí|pulse aquí|pincha aquí)\W*$",
    ),
    (
        Cue::RelatedHeading,
        r"^(?:noticias relacionadas|artículos relacionados|notas relacionadas|contenido relacionado|temas relacionados|lea también|lee también|te puede interesar|le puede interesar|también te puede interesar|te podría interesar|te recomendamos|recomendados(?: para (?:ti|usted))?|lo más (?:leído|visto|popular|compartido|comentado)|(?:las )?más (?:leídas|vistas|compartidas|comentadas)|(?:los )?más (?:leídos|vistos|compartidos|comentados)|últimas noticias|otras noticias|más (?:noticias|artículos) (?:de|sobre|en)\b.*|en portada|te puede gustar)\s*[:.…]?$",
    ),
    (
        Cue::SectionLabel,
        r"^(?:etiquetas|temas|tema|archivado en|categorías?|secciones?|sección|palabras clave)\s*(?::.*)?$",
    ),
    (
        Cue::Share,
        r"^(?:compartir(?: en| por| esta noticia| este artículo| la noticia)?(?: [\w+]+){0,3}|comparte(?: esta noticia| este artículo| en [\w+]+)?|imprimir(?: (?:artículo|noticia|esta noticia))?|enviar por (?:correo|e-?mail)(?: electrónico)?|enviar(?: noticia)?|guardar(?: noticia)?|copiar (?:enlace|url)|enlace copiado|tamaño de (?:letra|texto))\W*$",
    ),
    (
        Cue::Comments,
        r"^(?:comentarios?|deja (?:un|tu) comentario|dejar un comentario|escribe (?:un|tu) comentario|\d+ comentarios?|comentarios? \(\d+\)|(?:ver|mostrar|leer) (?:los |todos los )?(?:\d+ )?comentarios|sé el primero en comentar\b.*|tu dirección de correo electrónico no será publicada\b.*|los campos obligatorios están marcados\b.*|publicar comentario|enviar comentario|cancelar respuesta)\W*$",
    ),
    (
        Cue::Newsletter,
        r"^(?:suscr[ií]bete|suscr[ií]base|suscribirse|suscripción)\b.*|^(?:.*\b(?:recibe|reciba|apúntate|regístrate)\b.*\b(?:boletín|boletines|newsletter)\b.*|(?:nuestro )?boletín(?: de noticias)?)\W*$",
    ),
    (
        Cue::Account,
        r"^(?:iniciar sesión|inicia sesión|inicie sesión|cerrar sesión|regístrate|regístrese|registrarse|crear (?:una )?cuenta|mi cuenta|mi perfil|¿?olvidaste tu contraseña\??|contraseña|usuario|acceder|entrar)\W*$",
    ),
    (
        Cue::Cookies,
        r"^(?:.*\b(?:utilizamos|usamos|utiliza|usa) cookies\b.*|política de cookies|configuración de cookies|aceptar(?: todas| cookies| todo)?|rechazar(?: todas)?)\W*$",
    ),
    (
        Cue::Advertisement,
        r"^(?:publicidad|anuncio|contenido patrocinado|patrocinado(?: por .+)?|contenido de marca)\W*$",
    ),
    (
        Cue::Byline,
        r"^(?:por|escrito por|redactado por|texto de)\s+(?-i:\p{Lu})[\p{L}.'’-]*(?:,?\s+(?:(?-i:\p{Lu})[\p{L}.'’-]*|de|del|la|las|los|y|e|i))*(?:\s*(?:[,|/–—-]|y)\s*.*)?$",
    ),
    (
        Cue::Byline,
        r"^(?:autor|autora|redacción|texto|fotos?|agencias?)\s*:\s*.+$|^(?:redacción(?: [\w .'’-]+)?|agencias|europa press|efe|ap|afp|reuters)$",
    ),
    (Cue::Copyright, r"^.*\btodos los derechos reservados\b.*$"),
    (
        Cue::PageDate,
        r"^(?:publicado|actualizado|actualización|última actualización|fecha)\s*(?::|\||\d|(?:el|a las)\s+(?:\d|lunes|martes|miércoles|jueves|viernes|sábado|domingo)|$).*$",
    ),
    (
        Cue::SiteNav,
        r"^(?:inicio|portada|contacto|contáctenos|quiénes somos|sobre nosotros|aviso legal|política de privacidad|términos y condiciones|mapa del sitio|volver arriba|ir al contenido|buscar|menú|anterior|siguiente|(?:noticia|artículo) (?:anterior|siguiente)|hemeroteca)\W*$",
    ),
    (
        Cue::CallToAction,
        r"^(?:síguenos en\b.*|sígue(?:nos|me) en\b.*|siga(?:nos)? en\b.*|únete a nuestro canal\b.*|descarga (?:nuestra|la) app\b.*|envíanos tu\b.*)$",
    ),
];

/// Every cue pattern, compiled once.
static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    // ASCII word boundaries: the lazy DFA cannot run Unicode ones on text
    // with any non-ASCII letter (a curly apostrophe is enough) and would
    // fall back to the far slower PikeVM on most lines. Every cue word is
    // ASCII, so the boundaries fall in the same places.
    regex::RegexSetBuilder::new(TABLE.iter().map(|(_, p)| p.replace(r"\b", r"(?-u:\b)")))
        .case_insensitive(true)
        .size_limit(1 << 24)
        .dfa_size_limit(1 << 24)
        .build()
        .expect("the phrase table is valid")
});

/// The cue `text` (a trimmed unit) matches, if any: the first in table order.
pub fn cue(text: &str) -> Option<Cue> {
    // Most lines match no cue: the set's fast `is_match` says so before the
    // slower search for which patterns match.
    if !SET.is_match(text) {
        return None;
    }
    let cue = SET.matches(text).iter().next().map(|i| TABLE[i].0)?;
    // "By Tuesday, the river had fallen." is a sentence, not a byline.
    let sentence =
        text.trim_end().ends_with(['.', '!', '?']) && text.split_whitespace().count() >= 4;
    (!(cue == Cue::Byline && sentence)).then_some(cue)
}

/// Whether `text` (a trimmed unit) heads the readers' comments: a comments
/// cue ("12 Comments", "Leave a Reply", "Have your say", "Comentarios")
/// that is not a lone form-field label ("Name", "Email *"), which tables
/// and contact forms share with comment forms.
pub fn opens_comments(text: &str) -> bool {
    static FIELD: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:name|e-?mail|website)\s*\*?\W*$").expect("valid regex")
    });
    cue(text) == Some(Cue::Comments) && !FIELD.is_match(text)
}

/// A story dateline standing alone before the first paragraph:
/// "ANCHORAGE –", "PORT ALDREN (AP) —", "LONDON, Jan 5 (Reuters) -".
/// Never boilerplate.
pub fn is_story_dateline(text: &str) -> bool {
    static DATELINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:\p{Lu}[\p{Lu}.'’ -]+)(?:,\s*[\p{L}.]+(?:\s+\d{1,2})?)?(?:\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa|EFE|PTI|[\p{L} .]{2,30})\))?\s*[—–-]+\s*$",
        )
        .expect("valid regex")
    });
    text.len() <= 240 && text.trim_end().ends_with(['—', '–', '-']) && DATELINE.is_match(text)
}

/// "Maria Lopez Ortega, director of operations at the Hemisphere
/// Institute." or "Jane Roe is a senior fellow at …": an author's biography.
/// Checked only at the edges of the article; a line that reports what
/// someone said is never a biography.
pub fn is_author_bio(text: &str) -> bool {
    static BIO: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:\p{Lu}[\p{L}'’.-]+)(?:\s+\p{Lu}[\p{L}'’.-]*){1,4}(?:,|\s+is|\s+was|\s+has been|\s+serves as)\s+(?:(?i:a|an|the|our|currently)\s+)?(?:(?i:senior|deputy|associate|assistant|executive|managing|former|chief|visiting|adjunct|non-resident|nonresident|research|contributing|co-?founder|founding|vice|program|programme|principal|distinguished)\s+)*(?i:director|editor|professor|fellow|correspondent|reporter|writer|columnist|analyst|researcher|lecturer|president|head|lead|chair|chairman|chairwoman|founder|partner|journalist|contributor|producer|author|scholar|economist|consultant|manager|officer|adviser|advisor|student|candidate|member|ceo|coordinator|associate|freelance)\b",
        )
        .expect("valid regex")
    });
    static REPORTS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:said|says|told|tells|according|announced|added|stated|warned|noted|argued|explained|asked)\b|[“”\x22]",
        )
        .expect("valid regex")
    });
    // The employer is named ("at the Hemisphere Institute", "for the
    // Valley Courier"); an official in the story ("Detective Jane Roe is the lead
    // investigator on the case") is not a biography.
    static EMPLOYER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"\b(?:at|of|for|with)\s+(?:the\s+)?\p{Lu}").expect("valid regex")
    });
    static RANK: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?i:detective|det\.|officer|sgt\.?|sergeant|capt\.?|captain|lt\.?|lieutenant|chief|sheriff|deputy|police|trooper|agent|judge|mayor|gov\.?|governor|sen\.?|senator|rep\.?|president|dr\.?)\s",
        )
        .expect("valid regex")
    });
    text.chars().count() <= 400
        && BIO.is_match(text)
        && EMPLOYER.is_match(text)
        && !RANK.is_match(text)
        && !REPORTS.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn is(text: &str, want: Cue) {
        assert_eq!(cue(text), Some(want), "{text:?}");
    }

    #[test]
    fn table_compiles_and_matches_each_kind() {
        is(
            "Also Read: Ferry Fares to Rise in Spring, Operator Says",
            Cue::LinkTeaser,
        );
        is("Read more »", Cue::LinkTeaser);
        is(
            "Click here to go back to the previous page.",
            Cue::LinkTeaser,
        );
        is("Related Posts", Cue::RelatedHeading);
        is("Related videos:", Cue::RelatedHeading);
        is("More from Harbor Ledger", Cue::RelatedHeading);
        is("Latest Sport News", Cue::RelatedHeading);
        is("You may also like", Cue::RelatedHeading);
        is(
            "Frequently Asked Questions about the Canal Closure",
            Cue::FaqHeading,
        );
        is("Filed under:", Cue::SectionLabel);
        is("Tags: flooding, canal, Marlow Quay", Cue::SectionLabel);
        is("Share this article", Cue::Share);
        is("Share this: Facebook", Cue::Share);
        is("Leave a Reply", Cue::Comments);
        is(
            "Your email address will not be published. Required fields are marked *",
            Cue::Comments,
        );
        is("14 Comments", Cue::Comments);
        is("Sign up for our daily newsletter", Cue::Newsletter);
        is("Already have an account?", Cue::Account);
        is(
            "We use cookies to improve your experience. By continuing you agree.",
            Cue::Cookies,
        );
        is("Advertisement", Cue::Advertisement);
        is("Story continues below advertisement", Cue::Advertisement);
        is("Please enable Javascript to watch this video", Cue::Media);
        is(
            "Gallery: Residents clear debris from the canal path on Saturday.",
            Cue::Caption,
        );
        is("image source from:harborledger", Cue::PhotoCredit);
        is(
            "Rescuers search the canal. Photo: Ana Ruiz / Getty Images",
            Cue::PhotoCredit,
        );
        is("By Dana Whitcombe, Harbor Ledger", Cue::Byline);
        is("Valley Courier staff", Cue::Byline);
        is("Priya Anand contributed to this report.", Cue::Credit);
        is(
            "(Reporting by Coastwire staff; editing by Coastwire desk)",
            Cue::Credit,
        );
        is("© 2016 Harbor Ledger Media Group.", Cue::Copyright);
        is(
            "Copyright 2017 Valley Courier. All rights reserved.",
            Cue::Copyright,
        );
        is("Published 3:14 p.m. | Updated 5:02 p.m.", Cue::PageDate);
        is(
            "Bus driver cleared after inquiry Posted: Tuesday, March 11, 2014 8:05 AM EST Updated: Thursday, March 13, 2014",
            Cue::PageDate,
        );
        is(
            "Stay with the Harbor Ledger for more on this developing story.",
            Cue::CallToAction,
        );
        is("Check back for updates.", Cue::CallToAction);
        is("Home | Contact | Advertising | RSS Feeds", Cue::SiteNav);
        is("Privacy Policy", Cue::SiteNav);
    }

    #[test]
    fn reporting_does_not_match() {
        for text in [
            "Read the statement in full, the mayor urged residents on Monday.",
            "The advertisement ran in three newspapers on Sunday.",
            "Share prices fell 4% after the announcement.",
            "Comments by the minister drew criticism from the opposition.",
            "By Tuesday, the river had fallen two metres.",
            "By the numbers",
            "Published reports put the toll at 12.",
            "Photos posted online showed the bridge sagging before it fell.",
            "Related charges were filed against the contractor.",
            "More than 300 families were evacuated.",
            "The investigation is ongoing.",
            "No arrests have been made.",
            "Fishing towns along the coast react with alarm",
            "Harbour minister defends the crackdown on smuggling",
            "Follow-up inspections found cracks in two more bridges.",
            "Home prices rose 3% in the quarter.",
            "Watch parties were held across the city.",
            "Subscribers to the utility's alert service got a text at 9 p.m.",
        ] {
            assert_eq!(cue(text), None, "{text:?}");
        }
    }

    #[test]
    fn spanish_furniture_matches_each_kind() {
        is(
            "Lea también: Cierra el mercado de abastos por obras",
            Cue::LinkTeaser,
        );
        is(
            "Te puede interesar: Diez rutas por la sierra",
            Cue::LinkTeaser,
        );
        is("Seguir leyendo", Cue::LinkTeaser);
        is("Noticias relacionadas", Cue::RelatedHeading);
        is("Te puede interesar", Cue::RelatedHeading);
        is("Lo más leído", Cue::RelatedHeading);
        is("Etiquetas: puerto, transporte", Cue::SectionLabel);
        is("Compartir en Facebook", Cue::Share);
        is("Comparte esta noticia", Cue::Share);
        is("12 comentarios", Cue::Comments);
        is("Deja un comentario", Cue::Comments);
        is("Suscríbete", Cue::Newsletter);
        is(
            "Suscríbete a nuestro boletín y recibe las noticias del día",
            Cue::Newsletter,
        );
        is("Iniciar sesión", Cue::Account);
        is("Utilizamos cookies propias y de terceros", Cue::Cookies);
        is("Publicidad", Cue::Advertisement);
        is("Por Lucía Ferrer Soto", Cue::Byline);
        is("Por Andrés Quiroga | Valdemora", Cue::Byline);
        is("Redacción", Cue::Byline);
        is("Todos los derechos reservados", Cue::Copyright);
        is("Actualizado: 14/04/2026 09:30", Cue::PageDate);
        is("Aviso legal", Cue::SiteNav);
        is("Síguenos en Instagram", Cue::CallToAction);
        for text in [
            "Por la tarde, los vecinos volvieron a sus casas.",
            "Compartir en familia es lo que más echan de menos los desalojados.",
            "Los comentarios del ministro provocaron críticas de la oposición.",
            "Publicado el decreto, el plazo de ayudas se abre el lunes.",
            "Más de trescientas familias fueron desalojadas.",
        ] {
            assert_eq!(cue(text), None, "{text:?}");
        }
    }

    #[test]
    fn datelines_and_bios() {
        assert!(is_story_dateline("ANCHORAGE –"));
        assert!(is_story_dateline("PORT ALDREN (AP) —"));
        assert!(is_story_dateline("LONDON, Jan 5 (Reuters) -"));
        assert!(!is_story_dateline("Related Posts"));
        assert!(!is_story_dateline("ANCHORAGE – A plane crashed on Monday."));
        assert!(is_author_bio(
            "Maria Lopez Ortega, director of operations and lead for the Andes at the Hemisphere Institute."
        ));
        assert!(is_author_bio(
            "Tom Reyes is a senior fellow at the Harbour Policy Centre."
        ));
        assert!(!is_author_bio(
            "Tom Reyes, director of the port authority, said the bridge would reopen."
        ));
        assert!(!is_author_bio(
            "The director of the port authority resigned."
        ));
    }
}
