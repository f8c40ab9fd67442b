//! Spanish figures on texts written for these tests: numbers in words,
//! ordinals, money in words, "1.200" read as 1,200; conflicts between two
//! Spanish reports of one fire and between a Spanish source and an English
//! draft, and the look-alikes that must stay quiet.

use std::sync::Arc;

use factline::analysis::figures::FigureKind;
use factline::analysis::{
    Corpus, DocAnalysis, DocId, Finding, RuleScope, Settings, analyze_document, check,
};

fn analyze(name: &str, text: &str) -> Arc<DocAnalysis> {
    Arc::new(analyze_document(
        DocId::new(name),
        Arc::from(text),
        &Settings::default(),
    ))
}

/// `(kind, value, text)` of every figure of a Spanish paragraph.
fn figures(body: &str) -> Vec<(FigureKind, f64, String)> {
    let text = format!(
        "Los vecinos del barrio de San Telmo volvieron a sus casas este jueves por la tarde.\n\n{body}\n"
    );
    let doc = analyze("nota.txt", &text);
    doc.figures
        .list
        .iter()
        .filter(|f| f.span.start > text.find("\n\n").unwrap_or(0))
        .map(|f| (f.kind, f.value, text[f.span.clone()].to_string()))
        .collect()
}

fn has(found: &[(FigureKind, f64, String)], kind: FigureKind, value: f64) -> bool {
    found
        .iter()
        .any(|(k, v, _)| *k == kind && (v - value).abs() < 1e-6)
}

#[test]
fn numbers_in_words_are_read() {
    for (body, kind, value) in [
        (
            "Los bomberos desalojaron a doscientos vecinos del edificio.",
            FigureKind::Count,
            200.0,
        ),
        (
            "Mil doscientos vecinos pasaron la noche en el polideportivo.",
            FigureKind::Count,
            1200.0,
        ),
        (
            "La tormenta dejó treinta y cinco heridos en la costa.",
            FigureKind::Count,
            35.0,
        ),
        (
            "El ayuntamiento destinará dos millones de dólares a la reconstrucción.",
            FigureKind::Money,
            2_000_000.0,
        ),
        (
            "La obra costará 1,5 millones de euros según el presupuesto municipal.",
            FigureKind::Money,
            1_500_000.0,
        ),
        (
            "Más de 1.200 personas fueron evacuadas durante la madrugada.",
            FigureKind::Count,
            1200.0,
        ),
        (
            "Es la tercera visita del ministro a la región en lo que va de año.",
            FigureKind::Ordinal,
            3.0,
        ),
    ] {
        let found = figures(body);
        assert!(has(&found, kind, value), "{body}: {found:?}");
    }
}

#[test]
fn articles_are_not_numbers() {
    let found =
        figures("Una vecina llamó a los bomberos y un agente cortó el tráfico de la calle.");
    assert!(
        found.iter().all(|(_, v, _)| (*v - 1.0).abs() > 1e-6),
        "{found:?}"
    );
}

/// The inconsistent-figure findings of `name` in a corpus of `docs`.
fn conflicts(docs: &[(&str, &str)], name: &str) -> Vec<(String, Finding)> {
    let settings = Settings::default();
    let mut corpus = Corpus::new();
    let analysed: Vec<Arc<DocAnalysis>> = docs.iter().map(|(n, t)| analyze(n, t)).collect();
    for d in &analysed {
        corpus.upsert(d.clone());
    }
    let doc = analysed
        .iter()
        .find(|d| d.id.as_str() == name)
        .expect("named document");
    check(doc, &corpus, &settings, RuleScope::All)
        .into_iter()
        .filter(|f| f.code == "inconsistent-figure")
        .map(|f| (doc.text[f.span.clone()].to_string(), f))
        .collect()
}

const DIARIO: &str = "Incendio forestal en la sierra de Carvela obliga a desalojar tres pueblos

CARVELA. Un incendio forestal declarado el pasado martes en la sierra de Carvela obligó a desalojar a 1.200 vecinos de tres pueblos, informó la Protección Civil regional.

En las tareas de extinción trabajaron 300 bomberos y doce aviones cisterna, según el consejero de Medio Ambiente, Julián Robles.

El fuego ha quemado unas 4.500 hectáreas de pinar y matorral.
";

const RADIO: &str = "Los vecinos de Carvela vuelven a casa tras el incendio

Las autoridades regionales levantaron este jueves el desalojo de los 900 vecinos evacuados por el incendio de la sierra de Carvela, informó la Protección Civil.

Unos 250 bomberos siguen trabajando en la zona para evitar que el fuego se reavive, dijo el consejero de Medio Ambiente, Julián Robles.

Las llamas arrasaron unas 4.500 hectáreas de monte.
";

/// Another story with figures that look like the fire's: must not be
/// compared with it.
const FERIA: &str = "La feria del libro de Carvela cierra con récord de visitantes

La feria del libro de Carvela cerró el domingo con 900 expositores y más de 30.000 visitantes, informó la organización.

Trabajaron en el montaje 250 voluntarios, dijo la directora de la feria, Elena Paredes.
";

#[test]
fn two_spanish_fire_reports_disagree() {
    let docs = [
        ("diario.txt", DIARIO),
        ("radio.txt", RADIO),
        ("feria.txt", FERIA),
    ];
    let found = conflicts(&docs, "diario.txt");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("1.200")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("300")), "{texts:?}");
    // The hectares agree; the book fair is another story.
    assert!(!texts.iter().any(|t| t.contains("4.500")), "{texts:?}");
    for (_, f) in &found {
        assert!(
            f.related.iter().all(|r| r.doc.as_str() != "feria.txt"),
            "{f:?}"
        );
    }
    let fair = conflicts(&docs, "feria.txt");
    assert!(fair.is_empty(), "{fair:?}");
}

#[test]
fn a_spanish_source_against_an_english_draft() {
    let draft = "Fire in the Carvela hills

A forest fire that broke out on Tuesday in the Carvela hills forced the evacuation of 1,500 residents of three villages, regional civil protection said.

About 300 firefighters and twelve water bombers fought the blaze, regional environment chief Julián Robles said.
";
    let docs = [("draft.txt", draft), ("diario.txt", DIARIO)];
    let found = conflicts(&docs, "draft.txt");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("1,500")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("300")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("twelve")), "{texts:?}");
}

const VISITA_A: &str = "El ministro de Exteriores llega a Quito para hablar de seguridad

El ministro de Exteriores, Tomás Ibarra, llegó este lunes a Quito en su tercera visita a Ecuador desde que asumió el cargo, informó la cancillería.

El Gobierno destinará dos millones de dólares a un programa conjunto contra el narcotráfico, dijo Ibarra.
";

const VISITA_B: &str = "Ibarra visita Ecuador con la seguridad en la agenda

Es la segunda visita a Ecuador del ministro de Exteriores, Tomás Ibarra, desde que asumió el cargo, según la cancillería.

Ibarra anunció que el Gobierno aportará 1,5 millones de dólares a un programa conjunto contra el narcotráfico.
";

/// Another story: a first visit and an amount in euros.
const VISITA_C: &str = "La reina inaugura el nuevo hospital de Cuenca

La reina Isabel Montero inauguró este lunes el hospital de Cuenca en su primera visita a la ciudad, informó la Casa Real.

La obra costó 1,5 millones de euros, según el ayuntamiento.
";

#[test]
fn ordinals_between_spanish_sources() {
    let docs = [
        ("a.txt", VISITA_A),
        ("b.txt", VISITA_B),
        ("c.txt", VISITA_C),
    ];
    let found = conflicts(&docs, "a.txt");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("tercera")), "{texts:?}");
    let other = conflicts(&docs, "c.txt");
    assert!(other.is_empty(), "{other:?}");
}

#[test]
fn english_number_words_in_a_spanish_text_do_not_break_it() {
    let found = figures(
        "Los vecinos cantaron twenty-one y twenty-one-year en la plaza con seventy-five amigos.",
    );
    assert!(found.len() < 10, "{found:?}");
}

const PUENTE_A: &str = "El nuevo puente de Carvela costará más de lo previsto

El ayuntamiento de Carvela pagará 2,4 millones de euros por el nuevo puente sobre el río Lera, informó el concejal de Obras, Andrés Peña.

La obra empezará en septiembre y durará un año, según el consejo municipal.

El paro en la comarca de Carvela subió al 12 por ciento en marzo, según el instituto regional de estadística.
";

const PUENTE_B: &str = "Carvela aprueba el puente sobre el Lera

El pleno de Carvela aprobó este martes el proyecto del nuevo puente, que costará 3,1 millones de euros, dijo el concejal de Obras, Andrés Peña.

Las obras empezarán en septiembre, según el ayuntamiento.

El paro en la comarca de Carvela alcanzó el 14 % en marzo, según el instituto regional de estadística.
";

/// The same town and council, other things paid for and measured: a pool,
/// turnout, a change rather than a level.
const PISCINA: &str = "Carvela tendrá piscina cubierta en 2026

El ayuntamiento de Carvela invertirá 3,1 millones de euros en una piscina cubierta junto al río Lera, informó el concejal de Obras, Andrés Peña.

La participación en la consulta vecinal fue del 60 por ciento, según el consejo municipal.

El paro en la comarca de Carvela bajó un 2 por ciento en marzo, según el instituto regional de estadística.
";

#[test]
fn spanish_money_and_percentages_conflict_for_one_thing_only() {
    let docs = [
        ("a.txt", PUENTE_A),
        ("b.txt", PUENTE_B),
        ("piscina.txt", PISCINA),
    ];
    let found = conflicts(&docs, "a.txt");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    // 2.4 against 3.1 million euros for the bridge; 12 against 14 per cent.
    assert!(
        texts.iter().any(|t| t.contains("2,4 millones")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("12 por ciento")),
        "{texts:?}"
    );
    for (_, f) in &found {
        assert!(
            f.related.iter().all(|r| r.doc.as_str() != "piscina.txt"),
            "the pool, the turnout and a fall are other quantities: {f:?}"
        );
    }
    let pool = conflicts(&docs, "piscina.txt");
    assert!(pool.is_empty(), "{pool:?}");
}

#[test]
fn percentages_in_words_are_read() {
    for (body, kind, value) in [
        (
            "El paro subió al 12 por ciento en marzo.",
            FigureKind::Percent,
            12.0,
        ),
        (
            "La inflación bajó dos puntos porcentuales en un año.",
            FigureKind::PercentPoints,
            2.0,
        ),
        (
            "Votó el sesenta por ciento del censo.",
            FigureKind::Percent,
            60.0,
        ),
    ] {
        let found = figures(body);
        assert!(has(&found, kind, value), "{body}: {found:?}");
        assert!(
            !has(&found, FigureKind::Count, 100.0),
            "\"ciento\" is part of the percentage: {body}: {found:?}"
        );
    }
}

#[test]
fn dollars_in_an_english_draft_against_dolares_in_a_spanish_source() {
    let draft = "Ibarra in Quito

Foreign minister Tomás Ibarra arrived in Quito on Monday on his third visit to Ecuador since taking office, the foreign ministry said.

The government will provide $2 million for a joint program against drug trafficking, Ibarra said.
";
    // The same visit, dollars for something else.
    let escuelas = "Ibarra promete fondos para la costa de Ecuador

El ministro de Exteriores, Tomás Ibarra, anunció en Quito que el Gobierno destinará 3 millones de dólares a la reconstrucción de escuelas en la costa, informó la cancillería.
";
    let docs = [
        ("draft.txt", draft),
        ("b.txt", VISITA_B),
        ("c.txt", VISITA_C),
        ("escuelas.txt", escuelas),
    ];
    let found = conflicts(&docs, "draft.txt");
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("$2 million")), "{texts:?}");
    for (_, f) in &found {
        assert!(
            f.related
                .iter()
                .all(|r| r.doc.as_str() != "c.txt" && r.doc.as_str() != "escuelas.txt"),
            "a hospital paid in euros and schools are other things: {f:?}"
        );
    }
}
