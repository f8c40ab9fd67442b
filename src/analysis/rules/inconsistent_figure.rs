//! # `inconsistent-figure`
//!
//! Two passages about the same fact give the same kind of figure for the same thing, with values
//! that cannot both be true.
//!
//! ## What it flags
//! A figure (a count, a percentage, an amount of money, a date, a duration, an age or a rank) when
//! another passage — in another document of the corpus or elsewhere in the same document — reports
//! the same quantity with a value its wording cannot allow. The diagnostic sits on the figure, names
//! both values and the other passage ("12 here; 9 in 001.txt:2 ‘killing 9 alleged members’"), and
//! carries the other passage as related information. Each document of the pair gets its own
//! diagnostic.
//!
//! Figures are compared as intervals, not as strings: "over 4,000" means more than 4,000 and less
//! than 5,000, "nearly twenty million" a little under 20 million, "about 5,000" within about ten
//! percent, and a round number allows rounding. So "more than 4,000", "over 4,000" and "4,500"
//! agree; "$6 million" and "six million dollars" agree; "Sept. 2" and "September 2" agree.
//!
//! Two figures are about the same quantity when they count the same kind of thing for the same event
//! ("extraditing 46 wanted gang figures" and "sent 31 gang suspects abroad"; "killed" and "dead";
//! "trip" and "visit") and their passages report the same fact (shared words and names). A count of
//! mayors is never compared with a count of gang suspects, a death toll never with a number of
//! injured, and a "maiden trip to Estavia" never with a "third trip to the Ostral Coast".
//!
//! Two figures are one quantity only for the same scope and time: the place a phrase points to must
//! be the same where both name one ("the United States" and "the U.S." are one place), the owner of
//! a rank or count too ("Lindqvist's third trip" is not "Reyes's second trip"), and a running total
//! ("40 rifles so far", "a total of 14") is never one event's count. A total up to the time of its
//! report — a running total, or the object of a verb in the present perfect ("the memoir has sold
//! more than two million copies") — grows from one report to the next: two of them are compared
//! only within one document or between two reports of one known date. A figure said as a possibility, a
//! condition or a need ("could kill up to 50", "if 200 come", "needs only two servers"; "podría",
//! "si") is not a fact and is not compared; neither is a count that describes a thing ("a 12-gauge
//! shotgun"). Dates conflict when they date the same event: the same event word ("arrive in Port
//! Selby on June 9", "landed in Port Selby on Friday, June 12") and the same place where both name
//! one. A length of time written as an adjective is known by what lasts ("a 45-day truce", "a
//! 30-day truce").
//!
//! The clause around each figure must speak of the same time and of the same owner
//! (read from the language layer's part of speech,
//! lemmas and chunks and the lexicon's months, weekdays, units of time and `time_deixis.txt`). Its
//! times are the years and dates of the sentence, months, weekdays, a unit of time placed by a word
//! ("last year", "this week", "two years ago", "a week earlier", "yesterday") and a part of a day or
//! of a trading session after a preposition or as a verb ("by noon", "at the close", "closed up"),
//! each given to the figure nearest to it in its clause. Shares "up 6% by noon" and "closed up 3.5%"
//! are two quantities, so are growth "last year" and "this year", and a value "a week earlier" is
//! another time than one that moves no time. Its owner is the name before "'s" in the figure's
//! phrase, the name after "of" ("sales of Kestrel Motors"), else the names of the subject of the
//! verb the figure follows ("Kestrel Motors sold 41,000 vans", "Brantley Autos sold 28,000"), never
//! of a verb of saying. A share is of what follows "of" ("61 percent of rural voters", "34 percent
//! of urban voters"). Tolls of people killed or hurt are placed by their incident instead (see
//! "Same incident" below). A passage that gives both values tells them apart whichever of the two
//! documents it is in ("7.2% during 2024, above the 6.8% of 2023" against "remains at 6.8%"),
//! unless it denies one ("four were hurt, not five as first reported") or it is a toll of another
//! harm ("two dead and 18 injured" gives no value of an "up to 16 injured").
//!
//! Within one document, two values of one thing in the body are two quantities (a campaign's wins
//! so far and the states at stake, two products, two matches): a conflict there needs a headline
//! against its text, one sentence given twice with two values, or a toll. A running report's sections under two time stamps ("8:35 p.m.",
//! "9:40 p.m.") are two times: its counts are updates.
//!
//! An age is whole years ("34" is 34 to just under 35), read against the time between the two
//! reports: between reports `d` years apart a person grows by `d` rounded down or up, and two
//! reports with no date or year to tell them apart may lie up to a year apart, on either side of a
//! birthday. So "Marta Quell, 22," in 2016 and "Quell, 25," in 2019 agree, 34 and 35 in two undated
//! reports agree, and 22 and 23 in reports dated a week apart conflict.
//!
//! A report that tells the death of the one who did the harm ("killed three people before killing
//! himself", "the attacker was shot dead by officers"; the phrases are data,
//! `data/lexicon/en/perpetrator_deaths.txt`) makes the incident's tolls of people killed or shot
//! uncertain by him: one outlet counts the victims, another the dead. Victims are compared with
//! victims: a toll told as the object of the harm before his death counts victims only, any other
//! toll of people in general ("four people were killed", "seven dead") its value or one fewer. A
//! toll of a kind of people ("five officers killed") never holds him.
//!
//! One quantity is one quantity in every report, so the figure's other reports are read too. A
//! passage that gives both values tells two quantities apart ("Harbour Lights has seven
//! nominations while The Salt Road has 11" against "The Salt Road … with 11 nominations"): its
//! other value is not a second value for the figure's quantity. And when most of the reports that
//! agree with the figure (each at least as sure a match for it) tell another fact than the
//! conflicting passage (the same-fact test turns the pair down and their passages are less alike
//! than passages about one fact), the two are reports of two events: two navies' captures of
//! pirates, each told by several outlets, where one outlet's short report comes near the other
//! event's headline.
//!
//! The message and each attached passage say why the two figures are taken for one quantity: "(both
//! count alleged members killed)", "(both rank visit — Norland)".
//!
//! When two reports of a death or injury toll are dated differently, the message says so: tolls often
//! rise in later reports, and the older figure may simply be out of date. A count of persons told
//! after a larger one in its sentence is a part of it ("Six people were shot and one victim was
//! rushed to hospital") and is not compared. When every conflicting toll
//! comes from a report dated earlier with a lower number, the finding is an update, at information
//! severity: "Update: 5 on 3 March 2025; 24 on 4 March 2025".
//!
//! Spanish documents are read as Spanish: "1.200" is 1,200 and "3,5" is 3.5, "2 de septiembre de
//! 2025" is a date, and the counted things and events have their Spanish words ("vecinos
//! evacuados", "heridos", "visita"), and so are numbers in words ("mil doscientos"), ordinals
//! ("tercera visita a Ecuador"), amounts ("dos millones de dólares", "1,5 millones de euros"),
//! percentages ("12 por ciento", "dos puntos porcentuales") and hedges ("más de 1.200"); "el pasado
//! martes" is not a figure (the verification timeline resolves it). An amount is compared by what it
//! pays for ("2,4 millones de euros por el nuevo puente", "el puente, que costará 3,1 millones") and a
//! percentage by what it measures ("el paro subió al 12 por ciento"), as a level or a change; a
//! Spanish thing is filed under its English word where the bilingual list has one, so "$2 million
//! for a joint program" in an English draft meets "1,5 millones de dólares a un programa conjunto".
//!
//! ## Why it matters
//! A draft that restates its sources must keep their figures. A changed number — 12 dead where the
//! source says 9, a third visit where the source says second — is the most common factual error a
//! fact-checker catches, and the easiest to miss when the wording around it changed too. Sources can
//! also disagree with each other; the draft should then say which it follows, or why.
//!
//! ## Example
//! A source and a draft that give two counts for one strike:
//!
//! ```text
//! ==> strike.txt <==
//! The navy said a strike on a speedboat off the Ostral Coast on Tuesday killed 9 alleged members of the Red Tide gang.
//!                                                                              ^ inconsistent-figure
//! ==> draft.txt <==
//! A navy strike on a speedboat off the Ostral Coast on Tuesday killed 12 members of the Red Tide gang, the navy said.
//!                                                                     ^^ inconsistent-figure
//! ```
//!
//! The message names the other passage: "12 here; 9 in strike.txt:1 ‘killed 9 alleged members’",
//! and the source gets the same finding the other way round.
//!
//! Not flagged: the same value in words, figures whose wording allows both ("more than 4,000" and
//! "about 4,500"), and counts of different things:
//!
//! ```text
//! ==> navy.txt <==
//! The navy said a strike on a speedboat off the Ostral Coast on Tuesday killed nine alleged members of the Red Tide gang.
//! More than 4,000 troops were deployed along the Ostral Coast border on Tuesday.
//! Defence Minister Alma Ruiz is on her third trip to the Ostral Coast this year.
//! ==> wire.txt <==
//! A navy strike on a speedboat off the Ostral Coast on Tuesday killed 9 alleged members of the Red Tide gang.
//! About 4,500 troops were deployed along the Ostral Coast border on Tuesday, officials said.
//! Foreign Minister Ida Kell is on her maiden trip to Estavia.
//! ```
//!
//! Not flagged either: a person's age that grew by the years between two reports, as in the report
//! of an arrest and the report of the trial three years later:
//!
//! ```text
//! ==> arrest.txt <==
//! Published: 14 May 2016
//!
//! Marta Quell, 22, was arrested in the Harlow Road shooting that killed one man, police in Dunwick said.
//! ==> trial.txt <==
//! Published: 2 June 2019
//!
//! Marta Quell, 25, was convicted on Monday of murder in the Harlow Road shooting in Dunwick that killed one man.
//! ```
//!
//! Not flagged: a toll that counts the gunman against one that counts his victims:
//!
//! ```text
//! ==> depot.txt <==
//! A gunman killed three people at the bus depot on Weller Street in Harnby before killing himself, police said.
//! ==> wire.txt <==
//! Four people were killed in a shooting at the bus depot on Weller Street in Harnby, police said.
//! ```
//!
//! ## Configuration
//! ```toml
//! [rules.inconsistent-figure]
//! enabled = true
//! severity = "hint"
//! ```
//!
//! ## Measured
//! Measured by reading every finding (the GVA tuning half is where the rule was tuned; the rest it was not)
//! (`cargo test --release --test figures_eval -- --ignored --nocapture --test-threads=1` prints them, the
//! GVA halves with `gva_hand_checked` and `gva_held_out`; `cargo test --test figures_draft` checks
//! the draft):
//!
//! The "before" column is the rule before its latest change: a toll is also looked up by what
//! identifies its report's incident, and two tolls are placed in one incident when only one
//! sentence's names are known to the other report and the same-incident model is surer (see
//! "Same incident" below). The change was made on the GVA tuning half and measured on the
//! held-out half once; the held-out half's findings had been read in earlier rounds, its misses
//! were not read for this change.
//!
//! | data | before | now |
//! |---|---|---|
//! | a draft restating the five seed articles in its own words, 7 changed figures (date, two counts, adjectival duration, year, ordinal, extradited count), the draft named as one | 7 of 7 flagged with the right seed; no kept figure flagged; the seeds quiet | the same |
//! | GVA multi-outlet shootings, tuning half: 7 incidents whose outlets give different casualty counts (found by a pattern search, checked by reading) | 5 of 7 flagged | 6 of 7 flagged |
//! | GVA, tuning half: 40 incidents whose outlets' casualty counts agree | 2 findings | 2 findings (one document's two bonds) |
//! | GVA, held-out half (incidents numbered above the tuning half's): 7 conflicts checked by reading | 4 of 7 flagged | 5 of 7 flagged |
//! | GVA, held-out half: 40 agreeing incidents | 0 findings | 0 findings |
//! | GVA, all 3,659 incident folders as one corpus (tolls of different incidents meet) | 856 findings (591 against another folder's report) | 998 findings (682 against another folder's report) |
//! | BBC, 2,225 articles as one corpus | 22 findings | 22 findings |
//! | ECB+ dev, each topic's articles as one corpus | 8 findings | the same 8 |
//! | the five seed articles | no finding | no finding |
//!
//! Reports of one shooting tell it in their own words and name its place at different scales
//! ("Harris County deputies said …", "7 injured in shooting outside Spring club"). Two tolls of
//! people killed, injured or shot are one quantity when the documents share the names and dates of
//! one incident and each mentions the other sentence's names (it places them together); the
//! passages then need only be on the topic. A toll whose sentences each name a place the other
//! report never mentions is another incident's. On the tuning half the findings on agreeing
//! incidents were parts against a whole ("Three people who had been shot were taken by ambulance
//! and two …" against "Five People Shot", "one group … and another" against "two groups") and a
//! person's two ages in one report; these are no longer compared. On the held-out half, twelve of
//! fifteen findings on agreeing incidents were ages that grew between an arrest and a trial
//! reported years later: a person's age now agrees with another report's when it grew by the
//! years between the two reports (their own dates, else the latest year each names; within a
//! year, for birthdays), which leaves eleven findings, seven of them ages a year apart in reports
//! that give no date or year to tell them apart, three a toll counted with and without the gunman
//! ("killed three victims" and then himself, "four people dead"). Its misses are tolls told with
//! different event words ("shot four men", "3 injured") and an update written as "up to 16".
//!
//! Those readings were then modelled, not excepted: an age as whole years with the reports' times
//! as an interval, and a toll as victims with the perpetrator possibly among them (see "What it
//! flags"). The held-out half's eleven findings on agreeing incidents were seven ages a year apart
//! in undated reports and four tolls of one murder-suicide counted with and without the gunman;
//! none is left. Because those findings had been read before the change, the held-out half is no
//! longer blind for ages and perpetrators. The tuning half and ECB+ dev are unchanged; on all GVA
//! folders as one corpus 56 findings went: 36 ages a year apart in undated reports (one of them, a
//! suspect given as 18 and as 19 in reports a day apart, may have been one outlet's error), 8
//! tolls of two murder-suicides counted with and without the gunman, and 12 tolls of different
//! incidents (or of a round-up of several) that met in the one corpus, one side a murder-suicide:
//! wrong findings before, quiet now for a reason that is not theirs. The misses on the tuning
//! half (injured "four" against "three", "six" against "seven") are reports whose passages are
//! too unalike for the same-incident test, not the event words.
//!
//! Same incident. Whether two reports are of one incident is a logistic model over what the
//! documents give (`data/figures/same_incident.txt`, trained by `cargo run --release --example
//! train_same_incident`): the shared weighted names and dates of their stories, the share and
//! number of names both mention, and rare figures both give (a victim's age, a full date, an
//! amount). It is trained on pairs of GVA reports of the tuning half (one folder: one incident;
//! across folders, pairs that give a toll of one kind) and on ECB+ dev topics 2, 5, 12 and 18
//! (each topic's two real events). On GVA incidents numbered above the tuning half, at the
//! shipped bar of 0.9 it finds 374 of 624 pairs of one incident (0.60; the story context alone
//! at 0.6 found 294, 0.47) and takes 11 of 4,371 pairs of different incidents for one (before:
//! 8); on ECB+ topics 21, 23, 34 and 35 it finds 321 of 528 (before 225) and takes 86 of 568
//! (before 82). Its balanced bar, 0.5, finds more (0.82) but took the findings on all GVA folders
//! as one corpus to 1,077, and the tuning half's conflicts only from 5 to 6. On ECB+ dev two
//! findings went; of the eight left, two are real (two against three boats in one attack) and two
//! compare two events of one topic (23 against 26 pirates captured); four compare one outlet's
//! haul of a seized boat (31 magazines, 923 rounds) with another's (12 magazines, about 300
//! rounds), real if both tell one haul; the event chains say they do (see the precision table
//! below, which supersedes these counts). On ECB+ the two events of one topic (23 against 26
//! pirates captured) are an undated blog post against a dated report, with no "second" or
//! "another" and no shared victim: nothing in them tells two events apart, so no feature was
//! added for them.
//!
//! Tolls placed at two scales. One tuning-half miss (six against seven injured) had tolls that
//! are the same fact by every test but whose sentences share no name ("Harris County deputies",
//! "a club in Spring"), and one report never names Spring: the corpus's figure index, which files
//! figures under the names of their sentence and paragraph, never proposed the pair, and the
//! decision wanted each sentence's names known to the other report. A toll is now also filed
//! under its event with the names its report repeats (outside sentences written in capitals, up
//! to 16) and its rare figures (ages, dates, amounts); a lookup passes by such a key that more
//! than 10 documents' tolls are filed under (more reports than one incident gets). When both toll sentences name something and only
//! one's names are all known to the other report, the same-incident model must give 0.95 (0.9
//! when both are known). On the GVA tuning half read in runs of 40 consecutive incidents as one
//! corpus (`cargo run --release --example figures_candidates`), the conflicting toll pairs of
//! one incident that the decision takes for one quantity go from 106 (all proposed) to 126 (all
//! proposed), the pairs of two incidents it takes stay 42, of which the lookup now proposes all
//! (before 38; conflicting 8, before 4 proposed), and the candidates weighed per figure go from
//! 1.82 to 2.17. Where all GVA folders are one corpus the findings go from 856 to 998; 91 more
//! name a report of another folder first, most of them round-ups of a weekend's shootings that
//! share a city's names and a victim's age with many reports (the share of findings against
//! another folder's report is 0.69 before, 0.68 now). One tuning-half miss remains (four against three injured): its reports are less
//! alike for the model (0.82) and one toll sentence names nothing.
//!
//! A document named as a draft (`drafts`, `--draft`, the editor's document outside the sources)
//! restates its sources, so its figures are read as the verification of a draft reads them: two
//! figures that surely count the same thing for the same event and place ("extradited 65 cartel
//! figures to the United States", "extraditing 55 wanted cartel figures to the U.S.") are one
//! quantity in modestly alike passages, such as a source's long sentence about several things.
//! Between sources the bar is unchanged (ECB+ and BBC findings as above). The 13 findings on the
//! held-out GVA half now all sit in its conflicting incidents and each names a toll the outlets
//! really disagree on (one an update, 18 against "up to 16"); ECB+ dev precision is measured
//! by its event chains below. Neither set is blind any more (ECB+
//! dev and the held-out half were both read while the rule was tuned), and where tolls of
//! different incidents meet (all GVA folders as one corpus) most findings compare two incidents:
//! the rule ships at `hint` severity until it is measured on data it was not tuned on; set `severity = "warning"` under `[rules.inconsistent-figure]` to raise it (updates of
//! a toll stay at information).
//!
//! Precision by the event chains and by reading. ECB+ dev ships its event mentions with
//! cross-document coreference chains; `ecbplus_findings` judges each finding by them: right when
//! its passage and every passage it names report one event (their sentences share a chain; a
//! sentence with no annotated event takes its document's, each article reporting one of its topic's
//! two events), and prints the precision. BBC findings were judged by reading every one. Before
//! the two tests above (a passage that gives both values, the reports that agree with the figure):
//!
//! | data | before | now |
//! |---|---|---|
//! | ECB+ dev, by the chains | 8 findings, 6 of one event: 0.75 (two: 23 against 26 pirates captured, two events of topic 12) | 6 findings, 6 of one event: 1.00 (the two went) |
//! | BBC, 2,225 articles as one corpus, every finding read | 22 findings, none right (0.00) | 15 findings, none right (0.00) |
//! | GVA tuning half: 7 conflicts; 40 agreeing | 6 of 7; 2 findings | the same findings |
//! | GVA held-out half: 7 conflicts; 40 agreeing | 5 of 7; 0 findings | 5 of 7; 0 findings |
//!
//! On ECB+ the four findings left on one haul (31 magazines and 923 rounds against 12 and about
//! 300) are one event by the chains and are real: one outlet gives the patrol's total over five
//! operations as one boat's haul, as a third report's own total shows; the two on two against
//! three boats are real too. ECB+ dev is not held out for this rule (its findings were read while
//! it was tuned, and topic 12, where all findings sit, trains the same-incident model); the GVA
//! held-out half and BBC are where it was not tuned. The seven BBC findings that went were all
//! wrong: a growth rate against the previous year's, in a sentence that gives both; a stake one
//! carmaker bought against the stake it gave; a month against the month of an earlier rise; one
//! film's nominations against another's; two copies of one article comparing downloads with
//! physical singles (two); and a tax cut against a spending cut. The fifteen left are wrong too:
//! share moves at noon and at the close, or a week apart; a year's growth rate against the
//! previous year's where the passage gives only one (two); "one in six cars" against a number of
//! cars; two consoles' sales; two computers' speeds; sets of two matches; a spending cut called a
//! tax cut against the tax cut; one film's nominations against the other's where the passage
//! gives only one. On the GVA held-out half one side of a correction ("four people were injured,
//! not five as first reported") is no longer flagged, as that sentence gives both values; the
//! other side still is. Precision is therefore 1.00 on ECB+ dev, which is not held out, and 0.00
//! on BBC, which is: the rule stays at `hint`.
//!
//! Within one story, and ratios. All fifteen BBC findings compare two articles, so the
//! within-document test below changes none of them; it is there because two values of one thing
//! in one article are nearly always two quantities (two products, two matches, two films): a
//! conflict inside one document needs both sentences to name the same people, places and bodies.
//! A count that is a term of a ratio ("one in six cars") is compared with nothing. BBC was split
//! by category for this change: business and entertainment to develop on, politics, sport and
//! tech held out and read only at the end (`cargo test --test figures -- --nocapture
//! bbc_false_alarm_rates`, findings grouped by folder):
//!
//! | data | before | now |
//! |---|---|---|
//! | BBC business and entertainment (development) | 10 findings, none right | 8, none right (the ratio and the count it met went) |
//! | BBC politics, sport and tech (held out) | 5 findings, none right | the same 5, none right |
//! | ECB+ dev, by the chains | 6 findings: 1.00 | the same |
//! | GVA tuning half: 7 conflicts; 40 agreeing | 6 of 7; 2 findings | 6 of 7; 0 findings (one document's two bonds went) |
//! | GVA held-out half: 7 conflicts; 40 agreeing | 5 of 7; 0 findings | the same |
//!
//! Precision on held-out BBC stays 0.00 (5 findings): two consoles' sales (two copies of one
//! article), two computers' speeds, two matches' sets and a spending cut called a tax cut. The
//! eight left in development are share moves at noon and at the close or a week apart (four), one
//! year's growth rate against the year before's (two copies), a stake bought against a stake
//! given, and two films' nominations. They need a test of each passage's own time ("by noon", "closed",
//! "last week") and of the entity the clause is about, which the language layer does not yet give
//! the figures; the rule stays at `hint`.
//!
//! Spanish: no finding on the 1,788 sentences of UD Spanish-GSD dev and test laid out as articles
//! (`cargo test --test spanish_real -- --nocapture`; they come from unrelated texts, so this counts
//! false alarms only). On Spanish reports written for the tests (`cargo test --test
//! spanish_figures`): two fire reports conflict on the evacuated and the firefighters and agree on
//! the hectares; two reports of one bridge conflict on its price (2.4 against 3.1 million euros)
//! and on the jobless rate (12 against 14 per cent), while a pool paid by the same council, a
//! turnout and a fall in the rate are not compared with them; an English draft's dollars for a
//! programme conflict with a Spanish source's and not with the same visit's dollars for schools.
//! Before, Spanish amounts and percentages were never compared.
//!
//! Same time, same owner (the clause test above, the passage that gives both values read in
//! either document, and within one document a headline or a toll). Developed on BBC (all of it
//! read before) and PolNeAR train (840 political articles as one corpus, every finding read);
//! PolNeAR dev (84 articles) was held out and run once at the end (`factline check --no-index
//! --rule inconsistent-figure DIR`):
//!
//! | data | before | now |
//! |---|---|---|
//! | BBC, 2,225 articles as one corpus | 13 findings, none right | 5 findings, none right |
//! | PolNeAR train, 840 articles as one corpus | 7 findings, none right (3 within one document) | 0 findings |
//! | PolNeAR dev (held out), 84 articles | 0 findings | 0 findings |
//! | GVA held-out half: 7 conflicts; 40 agreeing | 5 of 7; 0 findings | 5 of 7; 0 findings |
//! | ECB+ dev, by the chains | 6 findings: 1.00 | the same 6: 1.00 |
//!
//! The BBC findings that went: a share price by noon against the close (two), a growth rate
//! against the previous year's given in the same sentence (two), a stake bought against the
//! stake given, one film's nominations against another's, "£35bn tax" against "£35bn in spending
//! to allow £4bn in tax cuts", and two matches' sets. On PolNeAR train: a live report's delegate
//! count at two time stamps (two), a campaign's six states won against eleven states at stake,
//! a candidate's share of Hispanic votes against his share of white voters (two) and a winning
//! streak told on two dates (two). Within-document findings on real text: none of 3 was right,
//! hence the stronger evidence. The five BBC findings left are all wrong: a share rise over a
//! period against one morning's (two), two consoles' sales where the clause's subject is "it"
//! (two), and two supercomputers' speeds (the second called "another machine" of the same make); they need coreference
//! the language layer does not give. Precision on data the rule was not tuned on is still not
//! measured above 0.8, so the rule stays at `hint`.
//!
//! Totals up to each report. Two reports' totals of one thing, each the object of a verb in the
//! present perfect or a running total, are two times unless the reports share a date (read from
//! the language layer: a present form of "have" before the verb the figure's phrase follows;
//! "had killed 14" is a past event, and a restating draft's "has extradited 65" against its
//! source's one transfer of 55 has the perfect on one side only, so it is still compared). The
//! idea came from reading the BBC findings left above, held-out ones included, so BBC is not
//! blind for this change; the 8,560 GVA and BBC articles checked as one folder are the wider
//! test (`factline check --no-index`, every changed finding read):
//!
//! | data | before | now |
//! |---|---|---|
//! | BBC, 2,225 articles as one corpus (`bbc_false_alarm_rates`) | 5 findings, none right | 4, none right (the two consoles' sales went; a supercomputer's speed is now flagged on both sides) |
//! | GVA and BBC, 8,560 articles as one folder | 820 findings | 816: the 4 that went were all wrong (one novel's sales to date, on both sides; a console's, in two copies of one article) |
//! | the restating draft (`figures_draft`) | 7 of 7 | 7 of 7 |
//!
//! Precision on held-out data is still not measured above 0.8: the rule stays at `hint`.
//!
//! ## Known false positives
//! Two figures for different events described in very similar words ("three people were shot" in
//! two different incidents covered by one article) can be taken for one quantity; the related
//! information shows both passages so the reader can tell.

use super::{Docs, Reach, Rule, RuleContext, RuleMeta};
use crate::analysis::figures::{self, Figure, Mention, PassageSimilarity, phrase, snippet};
use crate::analysis::verify::quantity::ClaimSimilarity;
use crate::analysis::{DocAnalysis, Finding, Related, Severity};

pub struct InconsistentFigure;

static META: RuleMeta = RuleMeta {
    code: "inconsistent-figure",
    title: "Inconsistent figure",
    default_severity: Severity::Hint,
    reach: Reach::Corpus,
    summary: "Two passages about the same fact give values for the same quantity that cannot both be true.",
    docs: Docs::from_source(include_str!("inconsistent_figure.rs")),
};

/// Conflicting passages named in one message (all are attached).
const MAX_NAMED: usize = 3;

impl Rule for InconsistentFigure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        use rayon::prelude::*;
        let doc = cx.doc;
        if doc.figures.is_empty() {
            return;
        }
        // Each figure is compared with its candidates independently: for
        // the editor's document the figures are split among threads, each
        // with its own similarity (and its caches), and the findings kept
        // in text order; within a batch of documents, one thread does all.
        // The comparisons with other documents that the last check of this
        // document made and that still hold are taken from it; all read
        // the statistics of the corpus without the document.
        let reuse = figures::MentionReuse::open(cx.corpus, doc, &cx.settings.drafts);
        let stats = reuse.statistics();
        let context = std::sync::Arc::new(crate::analysis::related::story_context_in(&stats, doc));
        let sim = || reuse.similarity().with_context(doc, context.clone());
        let n = doc.figures.list.len();
        let drafts = &cx.settings.drafts;
        // After a keystroke most comparisons are taken from the last
        // check, a lookup each: waking the pool's threads for those costs
        // more CPU than it saves wall time (at 100 KB, 2.1 ms of CPU for
        // 0.6 ms of wall clock), so only the figures to compare afresh
        // decide whether to split the work.
        let one_thread = crate::analysis::within_parallel_batch() || n <= FIGURES_PER_TASK || {
            let fresh = reuse.likely_fresh();
            crate::analysis::effort::add_figures_likely_fresh(fresh);
            fresh <= FRESH_FOR_THREADS
        };
        if one_thread {
            let sim = sim();
            let sim = DraftSimilarity::new(&sim, drafts);
            out.extend((0..n).filter_map(|i| finding(doc, i, &reuse, &sim)));
            return;
        }
        let found: Vec<Option<Finding>> = (0..n)
            .into_par_iter()
            .with_min_len(FIGURES_PER_TASK)
            .map_init(sim, |sim, i| {
                finding(doc, i, &reuse, &DraftSimilarity::new(sim, drafts))
            })
            .collect();
        out.extend(found.into_iter().flatten());
    }
}

/// Figures compared by one task (fewer would spend more on setting up
/// tasks and their caches than on comparing).
const FIGURES_PER_TASK: usize = 8;

/// Figures compared afresh below which one thread compares them all (the
/// rest are taken from the last check).
const FRESH_FOR_THREADS: usize = 4 * FIGURES_PER_TASK;

/// The passage similarity of the comparison, read for a draft as the
/// verification of a draft reads it ([`ClaimSimilarity`]): a draft
/// restates its sources, so two figures that surely count the same thing
/// ("extradited 65 cartel figures", "extraditing 55 wanted cartel
/// figures") are one quantity in modestly alike passages (a source's long
/// sentence about several things). Between two sources, and within one
/// document, the comparison's own bar holds.
struct DraftSimilarity<'s, 'a> {
    inner: &'s figures::RelatedSimilarity<'a>,
    drafts: &'s crate::analysis::settings::Drafts,
}

impl<'s, 'a> DraftSimilarity<'s, 'a> {
    fn new(
        inner: &'s figures::RelatedSimilarity<'a>,
        drafts: &'s crate::analysis::settings::Drafts,
    ) -> Self {
        Self { inner, drafts }
    }
}

impl PassageSimilarity for DraftSimilarity<'_, '_> {
    fn similarity(
        &self,
        a: &DocAnalysis,
        fa: &Figure,
        b: &DocAnalysis,
        fb: &Figure,
        at_least: f32,
    ) -> f32 {
        if self.drafts.contains(&a.id) || self.drafts.contains(&b.id) {
            ClaimSimilarity { inner: self.inner }.similarity(a, fa, b, fb, at_least)
        } else {
            self.inner.similarity(a, fa, b, fb, at_least)
        }
    }

    fn same_incident(&self, a: &DocAnalysis, b: &DocAnalysis) -> f32 {
        self.inner.same_incident(a, b)
    }
}

/// The finding for figure `i` of `doc`, if any other passage conflicts.
fn finding(
    doc: &DocAnalysis,
    i: usize,
    reuse: &figures::MentionReuse<'_>,
    sim: &DraftSimilarity<'_, '_>,
) -> Option<Finding> {
    let f = &doc.figures.list[i];
    if doc.in_boilerplate(f.span.clone()) {
        return None;
    }
    let mentions = reuse.mentions(i, sim);
    let conflicts: Vec<Mention<'_>> = mentions
        .iter()
        .filter(|m| !m.agrees && !m.doc.in_boilerplate(m.figure().span.clone()))
        .filter(|m| !figures::gives_both(doc, f, m.doc, m.figure()))
        .filter(|m| !figures::gives_both(m.doc, m.figure(), doc, f))
        .filter(|m| !of_another_quantity(m, &mentions, sim))
        .copied()
        .collect();
    if conflicts.is_empty() {
        return None;
    }
    let mut message = format!("{} here", phrase(f));
    for m in conflicts.iter().take(MAX_NAMED) {
        let g = m.figure();
        message.push_str(&format!(
            "; {} in {} ‘{}’",
            phrase(g),
            m.doc.location(g.span.start),
            snippet(m.doc, g)
        ));
    }
    if conflicts.len() > MAX_NAMED {
        message.push_str(&format!("; and {} more", conflicts.len() - MAX_NAMED));
    }
    if let Some(note) = dates_note(doc, f, &conflicts) {
        message.push_str(". ");
        message.push_str(&note);
    }
    if let Some(m) = conflicts.first() {
        message.push_str(&format!(
            " ({})",
            figures::why_same(doc, f, m.doc, m.figure())
        ));
    }
    let update = toll_update(doc, f, &conflicts);
    if let Some(update) = &update {
        message = format!("{update}. {message}");
    }
    let mut finding = Finding::new(&META, f.span.clone(), message);
    if update.is_some() && META.default_severity != Severity::Hint {
        // A toll that grew between dated reports is news, not a conflict:
        // never louder than information.
        finding.severity = Severity::Information;
    }
    finding.related = conflicts
        .iter()
        .map(|m| {
            let g = m.figure();
            Related {
                doc: m.doc.id.clone(),
                span: g.span.clone(),
                message: format!(
                    "{}: ‘{}’ ({})",
                    phrase(g),
                    snippet(m.doc, g),
                    figures::why_same(doc, f, m.doc, g)
                ),
            }
        })
        .collect();
    Some(finding)
}

/// Whether the conflicting mention `m` is of another quantity than the
/// figure, by what the reports that agree with the figure say: one
/// quantity is one quantity in every report, so when most of the reports
/// that agree with the figure (each at least as sure a match for it as
/// `m`) tell another fact than `m` ([`figures::told_apart`]), the figure
/// and `m` are not one quantity either. Two real events of one kind (two
/// navies' captures of pirates, two earthquakes) are told by several
/// reports each; a report whose wording happens to come near a report of
/// the other event is still told apart by the reports that agree with it.
/// A report agrees by any of its mentions that the figure's comparison
/// took; it joins `m` when any of them is not told apart from it.
fn of_another_quantity(
    m: &Mention<'_>,
    mentions: &[Mention<'_>],
    sim: &dyn PassageSimilarity,
) -> bool {
    let g = m.figure();
    // (report, whether one of its agreeing mentions is one fact with `m`).
    let mut reports: Vec<(&crate::analysis::DocId, bool)> = Vec::new();
    for c in mentions
        .iter()
        .filter(|c| c.agrees && c.score >= m.score && c.doc.id != m.doc.id)
    {
        let joins = !figures::told_apart(c.doc, c.figure(), m.doc, g, sim);
        match reports.iter_mut().find(|(id, _)| **id == c.doc.id) {
            Some(report) => report.1 |= joins,
            None => reports.push((&c.doc.id, joins)),
        }
    }
    let apart = reports.iter().filter(|r| !r.1).count();
    apart * 2 > reports.len()
}

/// Tolls that only grow as reports come in.
const GROWING: [&str; 4] = ["killed", "injured", "shot", "displaced"];

/// "Update: 5 on 3 March 2024; 24 on 4 March 2024" when every conflicting
/// mention is a toll of that kind from a report dated apart, and the later
/// report gives the higher number: the count was updated, not
/// contradicted. `None` otherwise.
fn toll_update(doc: &DocAnalysis, f: &Figure, conflicts: &[Mention<'_>]) -> Option<String> {
    let growing = [f.counted.verb_concept, f.counted.head_concept]
        .iter()
        .flatten()
        .any(|k| GROWING.contains(&k.name));
    if !growing || f.kind != figures::FigureKind::Count {
        return None;
    }
    let here = doc.figures.date?;
    let day = here.ordinal_day()?;
    let mut parts = vec![(day, f.value, format!("{} on {here}", phrase(f)))];
    for m in conflicts {
        let other = m.doc.figures.date?;
        let other_day = other.ordinal_day()?;
        let g = m.figure();
        if m.doc.id == doc.id || other_day == day {
            return None;
        }
        parts.push((other_day, g.value, format!("{} on {other}", phrase(g))));
    }
    parts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let grows = parts.windows(2).all(|w| w[0].1 < w[1].1);
    grows.then(|| {
        let told: Vec<&str> = parts.iter().map(|p| p.2.as_str()).collect();
        format!("Update: {}", told.join("; "))
    })
}

/// "The reports are dated …": for tolls that may have been updated.
fn dates_note(doc: &DocAnalysis, f: &Figure, conflicts: &[Mention<'_>]) -> Option<String> {
    let casualty = [f.counted.verb_concept, f.counted.head_concept]
        .iter()
        .flatten()
        .any(|k| {
            matches!(
                k.name,
                "killed" | "injured" | "shot" | "missing" | "displaced"
            )
        });
    if !casualty {
        return None;
    }
    let here = doc.figures.date?;
    let other = conflicts
        .iter()
        .filter(|m| m.doc.id != doc.id)
        .find_map(|m| m.doc.figures.date.filter(|d| !d.compatible(&here)))?;
    Some(format!(
        "The reports are dated {here} and {other}: casualty counts often change as later reports come in"
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::{Corpus, DocId, RuleScope, Settings, analyze_document, check};

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        let mut c = Corpus::new();
        for (name, text) in files {
            c.upsert(Arc::new(analyze_document(
                DocId::new(*name),
                Arc::from(*text),
                &Settings::default(),
            )));
        }
        c
    }

    fn flagged(c: &Corpus, name: &str) -> Vec<(String, String)> {
        let doc = c.get(&DocId::new(name)).expect("in corpus");
        check(doc, c, &Settings::default(), RuleScope::All)
            .into_iter()
            .filter(|f| f.code == "inconsistent-figure")
            .map(|f| (doc.text[f.span.clone()].to_string(), f.message))
            .collect()
    }

    const SOURCE: &str = "Navy Strike off Cape Morrow\n\
        The navy said on Tuesday that a strike on a speedboat off Cape Morrow killed 9 alleged members of the Salt Heron gang.\n\
        Officials said more than 3,000 sailors and marines have been deployed to the Ostral Coast since August.\n";

    #[test]
    fn flags_a_changed_count_in_both_documents() {
        let c = corpus(&[
            ("strike.txt", SOURCE),
            (
                "draft.txt",
                "The navy's strike off Cape Morrow killed 12 members of the Salt Heron gang, officials said on Tuesday.\n",
            ),
        ]);
        let draft = flagged(&c, "draft.txt");
        assert_eq!(draft.len(), 1, "{draft:?}");
        assert_eq!(draft[0].0, "12");
        assert!(
            draft[0]
                .1
                .starts_with("12 here; 9 in strike.txt:2 ‘killed 9 alleged members"),
            "{}",
            draft[0].1
        );
        let source = flagged(&c, "strike.txt");
        assert_eq!(source.len(), 1, "{source:?}");
        assert!(
            source[0].1.starts_with("9 here; 12 in draft.txt:1"),
            "{}",
            source[0].1
        );
    }

    #[test]
    fn kept_figures_in_other_words_agree() {
        let c = corpus(&[
            ("strike.txt", SOURCE),
            (
                "draft.txt",
                "Nine alleged gang members died when the navy struck a speedboat off Cape Morrow, the navy said.\n\
                 Over 3,000 sailors and marines were sent to the Ostral Coast, officials said.\n",
            ),
        ]);
        assert!(flagged(&c, "draft.txt").is_empty());
        assert!(flagged(&c, "strike.txt").is_empty());
    }

    #[test]
    fn different_things_and_trips_are_not_compared() {
        let c = corpus(&[
            (
                "a.txt",
                "This is Lindqvist's third trip to the Ostral Coast as secretary of state.\n\
                 Castellan met 27 mayors before Lindqvist's arrival in Estavia.\n",
            ),
            (
                "b.txt",
                "It is Lindqvist's maiden trip to Estavia as secretary of state.\n\
                 Estavia extradited 46 gang figures before Lindqvist's arrival.\n",
            ),
        ]);
        assert!(
            flagged(&c, "a.txt").is_empty(),
            "{:?}",
            flagged(&c, "a.txt")
        );
        let c = corpus(&[
            (
                "a.txt",
                "This is Lindqvist's third trip to the Ostral Coast as secretary of state.\n",
            ),
            (
                "b.txt",
                "It marks Lindqvist's second visit to the Ostral Coast as secretary of state.\n",
            ),
        ]);
        assert_eq!(flagged(&c, "b.txt").len(), 1, "{:?}", flagged(&c, "b.txt"));
    }

    #[test]
    fn the_same_findings_on_one_thread_or_many() {
        // Enough figures to be split among tasks when checked alone.
        let mut draft = String::new();
        let mut source = String::new();
        for (i, place) in [
            "Kilford",
            "Ashwick",
            "Redmore",
            "Glenhaven",
            "Thornfield",
            "Belcrest",
        ]
        .iter()
        .enumerate()
        {
            draft.push_str(&format!(
                "A fire at the {place} depot injured {} workers, the {place} fire service said.                  Repairs at the {place} depot will cost ${} million, the owners said.\n\n",
                10 + i,
                3 + i
            ));
            source.push_str(&format!(
                "The {place} depot fire injured {} workers, the {place} fire service said on Monday.                  The owners said repairs at the {place} depot would cost ${} million.\n\n",
                12 + i,
                3 + i
            ));
        }
        let c = corpus(&[("draft.txt", &draft), ("source.txt", &source)]);
        let parallel = flagged(&c, "draft.txt");
        assert!(parallel.len() >= 6, "{parallel:?}");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let serial = pool.install(|| {
            assert!(crate::analysis::within_parallel_batch());
            flagged(&c, "draft.txt")
        });
        assert_eq!(parallel, serial);
    }

    #[test]
    fn works_within_one_document_and_mentions_dates() {
        let c = corpus(&[(
            "draft.txt",
            "The gunman killed three people at the Elm Street market, police said.\n\n\
             Police later confirmed that the gunman killed five people at the Elm Street market.\n",
        )]);
        let found = flagged(&c, "draft.txt");
        assert_eq!(found.len(), 2, "{found:?}");
        let c = corpus(&[
            (
                "early.txt",
                "Published: 3 March 2024\nA gunman killed three people at the Elm Street market in Dunmore, police said.\n",
            ),
            (
                "late.txt",
                "Published: 5 March 2024\nA gunman killed five people at the Elm Street market in Dunmore, police said.\n",
            ),
        ]);
        let found = flagged(&c, "late.txt");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("dated 5 March 2024 and 3 March 2024"),
            "{}",
            found[0].1
        );
    }
}
