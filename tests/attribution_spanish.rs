//! Spanish attribution on whole texts written for these tests: what the
//! rules must flag (anonymous sources, weasel constructions, quotations no
//! one says) and what they must leave alone (a quotation with its speaker,
//! "según" a named source, dialogue with "—").

use std::sync::Arc;

use factline::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

/// `(rule, flagged text)` of the attribution rules.
fn findings(text: &str) -> Vec<(&'static str, String)> {
    let settings = Settings::default();
    let doc = analyze_document(DocId::new("nota.txt"), Arc::from(text), &settings);
    check(&doc, &Corpus::new(), &settings, RuleScope::All)
        .into_iter()
        .filter(|f| {
            matches!(
                f.code,
                "unattributed-quote" | "weasel-attribution" | "anonymous-source"
            )
        })
        .map(|f| (f.code, text[f.span].to_string()))
        .collect()
}

fn codes(text: &str, code: &str) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(c, _)| *c == code)
        .map(|(_, s)| s)
        .collect()
}

/// Enough Spanish prose around a sentence for the document to be read as
/// Spanish.
fn article(body: &str) -> String {
    format!(
        "El puerto de Valmera reabrió este lunes tras una semana de obras en los muelles del norte.\n\n\
         {body}\n\n\
         Las obras costaron más de lo previsto y los vecinos esperan que el tráfico vuelva a la normalidad antes del verano."
    )
}

#[test]
fn a_quotation_after_its_speaker_is_attributed() {
    for body in [
        "«No vamos a cerrar el puerto», dijo Almeida durante la rueda de prensa.",
        "Almeida dijo: «No vamos a cerrar el puerto mientras haya barcos esperando».",
        "—No vamos a cerrar el puerto —dijo Almeida a los periodistas.",
        "La ministra de Transportes, Ana Beltrán, aseguró que «la carga llegará a tiempo a todos los clientes».",
        "Según el alcalde Rubén Soto, la obra terminará en mayo.",
        "Lo dijo Almeida al salir del consejo. «Nadie va a perder su empleo por la reforma».",
    ] {
        let text = article(body);
        let found = findings(&text);
        assert!(found.is_empty(), "{body}: {found:?}");
    }
}

#[test]
fn a_quotation_no_one_says_is_flagged() {
    let text =
        article("«Este puerto lleva años sin un plan de mantenimiento serio para sus grúas».");
    assert_eq!(
        codes(&text, "unattributed-quote").len(),
        1,
        "{:?}",
        findings(&text)
    );
}

#[test]
fn anonymous_sources_are_flagged() {
    for (body, who) in [
        (
            "Según fuentes del ministerio, la empresa pagará una multa millonaria.",
            "fuentes del ministerio",
        ),
        (
            "Un alto funcionario que pidió el anonimato afirmó que habrá despidos en la naviera.",
            "Un alto funcionario",
        ),
        (
            "Fuentes de la investigación aseguraron que el cable estaba oxidado desde hacía meses.",
            "Fuentes de la investigación",
        ),
    ] {
        let text = article(body);
        let found = codes(&text, "anonymous-source");
        assert!(
            found.iter().any(|f| f.contains(who)),
            "{body}: {found:?} / {:?}",
            findings(&text)
        );
    }
}

#[test]
fn weasel_constructions_are_flagged() {
    for body in [
        "Se dice que el director del puerto dimitirá antes de fin de mes.",
        "Se cree que la grúa llevaba meses sin revisión.",
        "Muchos consideran que la reforma del puerto llega demasiado tarde.",
        "Según expertos, el tráfico de contenedores caerá un tercio este año.",
    ] {
        let text = article(body);
        let found = codes(&text, "weasel-attribution");
        assert_eq!(found.len(), 1, "{body}: {:?}", findings(&text));
    }
}

#[test]
fn named_sources_are_not_weasels_or_anonymous() {
    for body in [
        "El portavoz de la naviera, Luis Ferrer, afirmó que no habrá despidos este año.",
        "De acuerdo con el informe de la Autoridad Portuaria, las grúas tienen más de treinta años.",
        "La presidenta de la asociación de vecinos, Carmen Ruiz, señaló que el ruido ha bajado.",
    ] {
        let text = article(body);
        let found = findings(&text);
        assert!(found.is_empty(), "{body}: {found:?}");
    }
}

#[test]
fn the_constructions_readers_reported_missing() {
    for (body, code, who) in [
        (
            "Muchos expertos creen que el dique no resistirá otra tormenta como la de marzo.",
            "weasel-attribution",
            "Muchos expertos",
        ),
        (
            "Según fuentes del operativo, los buzos encontraron el casco a cuarenta metros.",
            "anonymous-source",
            "fuentes del operativo",
        ),
        (
            "Un alto cargo del ministerio, que pidió no ser identificado, reconoció que el plan llega tarde.",
            "anonymous-source",
            "Un alto cargo",
        ),
        (
            "Un alto cargo de la consejería que pidió no ser identificado aseguró que habrá cambios en el equipo.",
            "anonymous-source",
            "Un alto cargo",
        ),
        (
            "Se dice que la naviera ya tiene comprador para sus dos barcos más viejos.",
            "weasel-attribution",
            "Se dice",
        ),
    ] {
        let text = article(body);
        let found = codes(&text, code);
        assert!(
            found.iter().any(|f| f.contains(who)),
            "{body}: {code} {found:?} / {:?}",
            findings(&text)
        );
    }
}

#[test]
fn nothing_right_after_a_named_speaker() {
    for body in [
        "«El muelle estará listo en junio», dijo Almeida. «Después empezaremos con el dragado del canal».",
        "—Tenemos los fondos —dijo Almeida—. Lo que falta es tiempo para gastarlos bien.",
        "Almeida lo explicó ante el pleno: «Sin el dragado, los barcos grandes no pueden entrar».",
    ] {
        let text = article(body);
        let found = findings(&text);
        assert!(found.is_empty(), "{body}: {found:?}");
    }
}

#[test]
fn speakers_read_from_tags_opinions_and_nouns_of_saying() {
    for body in [
        // A speaker tag whose subject Spanish drops, with more clause after it.
        "«Hay mucho ruido estos días, pero yo prefiero esperar a los datos», añade, antes de recordar que nadie ha dimitido.",
        "\"No pienso vender el barco mientras siga navegando\", bromea, y vuelve a la cubierta.",
        // "de acuerdo al / a la" as Latin America writes it.
        "De acuerdo al relato de los estibadores, el capataz 'ordenó seguir descargando aunque la grúa ya hacía ruidos raros'.",
        "De acuerdo a la versión de la naviera, el buque «salió del puerto con todos los permisos en regla».",
        // "para X," as the holder of an opinion.
        "Para la alcaldesa de Valmera, el cierre no fue inevitable «porque avisamos a la empresa tres veces y nunca contestó».",
        // A noun of saying with its source, and a turn before a colon.
        "La respuesta del consejero fue breve: «Las obras se pagarán con fondos propios y no con créditos».",
        "Marta Ruiz: «El puerto no se vende».",
        // A verb of asking whose subject is dropped.
        "También le pidió al ministro Ferrer «dejar de aprobar licencias sin estudios de impacto».",
    ] {
        let text = article(body);
        let found = findings(&text);
        assert!(found.is_empty(), "{body}: {found:?}");
    }
}

#[test]
fn look_alikes_of_those_constructions_stay_flagged_or_quiet() {
    // "para" as a date or a purpose names no one: the quotation is still
    // no one's.
    for body in [
        "Para el verano, el muelle tendrá «una capacidad que ningún otro puerto del país puede igualar».",
        "Para que el dique aguante, «hay que cambiar todas las piedras que se movieron en marzo».",
    ] {
        let text = article(body);
        assert_eq!(
            codes(&text, "unattributed-quote").len(),
            1,
            "{body}: {:?}",
            findings(&text)
        );
    }
    // "para muchos" is a crowd; an impersonal request claims nothing.
    let text = article("Para muchos, la reforma del puerto llega demasiado tarde.");
    assert_eq!(
        codes(&text, "weasel-attribution").len(),
        1,
        "{:?}",
        findings(&text)
    );
    let text =
        article("Se pidió a los vecinos del muelle que no salieran de casa durante la tormenta.");
    assert!(findings(&text).is_empty(), "{:?}", findings(&text));
}

/// Anonymous sources as Spanish news words them: sources of an operation or
/// a body, a person close to someone, a speaker who asked not to be named,
/// an unnamed person of a kind. Every one must be flagged (recall on these
/// sentences: all of them).
const ANONYMOUS: &[(&str, &str)] = &[
    (
        "Según fuentes del operativo, los buzos encontraron el casco a cuarenta metros.",
        "fuentes del operativo",
    ),
    (
        "Según una persona cercana a la investigación, el capitán había pasado la noche en el puerto.",
        "una persona cercana a la investigación",
    ),
    (
        "Una persona cercana al alcalde aseguró que dimitirá el lunes.",
        "Una persona cercana al alcalde",
    ),
    (
        "Fuentes cercanas a la naviera indicaron que el barco se venderá antes del verano.",
        "Fuentes cercanas a la naviera",
    ),
    (
        "Un funcionario que habló bajo condición de anonimato dijo que el informe está listo.",
        "Un funcionario",
    ),
    (
        "Un portavoz de la policía, que prefirió no dar su nombre, explicó que el caso sigue abierto.",
        "Un portavoz de la policía",
    ),
    (
        "Personas del entorno del presidente señalaron que está molesto con el ministro.",
        "Personas del entorno del presidente",
    ),
    (
        "Según un testigo, el coche circulaba a gran velocidad cuando cruzó el puente.",
        "un testigo",
    ),
    (
        "Un investigador, que no quiso ser identificado, aseguró que hubo negligencia en el muelle.",
        "Un investigador",
    ),
];

#[test]
fn anonymous_sources_as_spanish_news_words_them() {
    for (body, who) in ANONYMOUS {
        let text = article(body);
        let found = codes(&text, "anonymous-source");
        assert!(
            found.iter().any(|f| f.contains(who)),
            "{body}: {found:?} / {:?}",
            findings(&text)
        );
    }
    // Named people close to a place, and named witnesses, are sources.
    for body in [
        "El alcalde de la ciudad cercana a la costa, Rubén Soto, aseguró que el puerto abrirá el lunes.",
        "La testigo Carmen Vidal relató que el coche no frenó.",
        "Según el portavoz de la policía, Jaime Ortiz, el caso sigue abierto.",
    ] {
        let text = article(body);
        let found = codes(&text, "anonymous-source");
        assert!(found.is_empty(), "{body}: {found:?}");
    }
}
