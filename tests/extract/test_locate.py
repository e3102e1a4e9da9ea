"""The event's own place: clause, person, relative-phrase and candidate rules (locate.py)."""

from __future__ import annotations

import pytest

from frontwatch.extract.assemble import ArticleMentions
from frontwatch.extract.locate import Choice, event_places
from frontwatch.extract.pipeline import Extractor
from frontwatch.ingest.normalize import make_article
from frontwatch.records import Span


def places_for(extractor: Extractor, text: str, verb: str) -> tuple[list[Choice], str]:
    """The places ``event_places`` gives the event stated by the first ``verb`` of ``text``."""
    article = make_article(text)
    doc = extractor.nlp(extractor.make_doc(article))
    am = ArticleMentions.of(doc, article, extractor.ctx)
    rules = extractor.assemble.rules
    am.choices = rules.choices(am)
    start = article.text.index(verb)
    anchor = Span(start=start, end=start + len(verb), text=verb)
    sentence = am.sentences.index(start)
    chosen = event_places(am, anchor, sentence=sentence, rules=rules, focus=None)
    return chosen, article.text


def names(extractor: Extractor, text: str, verb: str) -> list[str]:
    chosen, full = places_for(extractor, text, verb)
    return [extractor.assemble.rules.place_name(full, m) for m, _ in chosen]


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Rebels shelled Aleppo, while the army fled towards Raqqa.", "shelled", ["Aleppo"]),
        # a list whose members each carry the region that locates them
        ("Russian jets struck the towns of Saraqeb in Idlib province and Kafr Zita in Hama "
         "province on Monday.", "struck", ["Saraqeb", "Kafr Zita"]),
        ("Government forces shelled Douma in Eastern Ghouta and Daraya in western Ghouta.",
         "shelled", ["Douma", "Daraya"]),
        ("Jets struck Saraqeb in Idlib and Kafr Zita in Hama.", "struck", ["Saraqeb", "Kafr Zita"]),
        # a list goes on after the holder each place was taken from
        ("Israel captured the Sinai and Gaza Strip from Egypt, the Golan Heights from Syria, "
         "and the West Bank from Jordan.", "captured",
         ["Sinai", "Gaza Strip", "Golan Heights", "West Bank"]),
        ("Rebels shelled Aleppo, while the army fled towards Raqqa.", "fled", ["Raqqa"]),
        ("The army launched an attack in Hama to liberate the city of Palmyra.", "launched",
         ["Hama"]),
        ("The army launched an attack in Hama to liberate the city of Palmyra.", "liberate",
         ["Palmyra"]),
        ("The commander of ISIS operations in Raqqa was killed in an airstrike.", "killed", []),
        ("Nine civilians were killed in Syria's Idlib province on Monday.", "killed", ["Idlib"]),
        ("In Aleppo, rebels shelled a school.", "shelled", ["Aleppo"]),
        ("The UK-based monitor said 12 people were killed.", "killed", []),
        ("Jets struck the villages of Al-Rastan, Talbiseh, Al-Ghanto, and Teir Maleh.", "struck",
         ["Al-Rastan", "Talbiseh", "Al-Ghanto", "Teir Maleh"]),
        ("He was killed in Mayadeen in the eastern province of Deir Ezzor, near the border.",
         "killed", ["Mayadeen"]),
        ("Rebels launched a new assault in the Hama Governorate’s eastern countryside.",
         "launched", ["Hama Governorate"]),
        # a purpose clause is where the fighting is when the clause names no place before it
        ("Turkish forces launched an offensive to capture the key border-city of Jarabulus.",
         "launched", ["Jarabulus"]),
        # a place that qualifies the next one passes its turn
        ("The Marines launched an offensive to capture the key Latakia town of Kabbani.",
         "launched", ["Kabbani"]),
        # places the gazetteer lacks, in a place's position
        ("The rebels stormed the Syrian Army’s defenses at Biju Hill on Friday.", "stormed",
         ["Biju Hill"]),
        # a phrase referring back, with a time after it ("on Tuesday" places nothing)
        ("Rebels shelled Azaz on Monday, then stormed the border town on Tuesday.", "stormed",
         ["Azaz"]),
        # a sentence-opening subordinate phrase keeps its verbs' places inside it ...
        ("With rebels expelled from al-Ra’i after entering the border town a week ago, ISIS "
         "fighters regained control over Tall al-Ahmar and Qasajik.", "entering", ["al-Ra’i"]),
        ("With the latest airstrikes that killed 80 soldiers, Russia has warned that the "
         "ceasefire is in jeopardy.", "killed", []),
        # ... not at a comma inside a list, and the main clause still sees its place
        ("After shelling Azaz, Tal Rifaat and Marea, the army stormed Mennagh.", "shelling",
         ["Azaz", "Tal Rifaat", "Marea"]),
        ("Following clashes in Azaz, 20 soldiers were killed.", "killed", ["Azaz"]),
        # a quarter named before its city is the place; the city only locates it
        ("Twin bombings struck the Akrama neighborhood of the central city of Homs.",
         "struck", ["Akrama"]),
        ("Clashes in the Kurdish-majority Sheikh Maqsoud district of Aleppo left 10 dead.",
         "Clashes", ["Sheikh Maqsoud"]),
        ("Government forces shelled the Homs neighbourhood of Baba Amr.", "shelled",
         ["Baba Amr"]),
        ("The Sheikh Najjar industrial city was hit by air raids on Thursday.", "hit",
         ["Sheikh Najjar"]),
        ("Israeli jets struck an arms depot near Damascus International Airport.", "struck",
         ["Damascus International Airport"]),
        ("Rebels seized the strategic railway hub of Debaltseve, northeast of Donetsk.",
         "seized", ["Debaltseve"]),
        ("Clashes in the neighborhoods of Bab al-Tabbaneh and Jabal Mohsen in the northern "
         "Lebanese city of Tripoli killed three people.", "killed",
         ["Jabal Mohsen", "Bab al-Tabbaneh"]),
        # a name the gazetteer lacks before a ward's noun is a quarter of the place after it,
        # not before a village's ("the Fulani village of Ogossagou")
        ("Federal troops fought their way into the Zavodskoi district of Grozny on Friday.",
         "fought", ["Zavodskoi"]),
        ("Armed men attacked the Fulani village of Ogossagou in the central Mopti region.",
         "attacked", ["Ogossagou"]),
        ("In the al-Hamdaniyeh neighborhood of western Aleppo, rocket shells killed four "
         "civilians.", "killed", ["al-Hamdaniyeh"]),
        ("The regime-held Joura neighbourhood of Deir Ezzor was shelled on Friday.", "shelled",
         ["Joura"]),
        # an appositive describes the place before it; its places only locate it
        ("In Taldou, a village in the Houla area of Homs province, troops killed 100 people.",
         "killed", ["Taldou"]),
        ("Tal Afar, a mostly Turkmen city near the Syrian border, was hit by two truck bombs.",
         "hit", ["Tal Afar"]),
        ("Lashkar Gah, the capital of southern Helmand province, came under heavy rocket "
         "attack on Tuesday.", "attack", ["Lashkar Gah"]),
        # ... but a list item is no appositive
        ("Terrorists shelled the settlements of Arbil, Hawsh Nasri, the al-Wafidin camp, and "
         "Douma.", "shelled", ["Arbil", "Hawsh Nasri", "al-Wafidin camp", "Douma"]),
        # a focus country's name inside a longer unknown name after a preposition is no place
        ("In Chahar Dara district, a German patrol came under fire on Friday.",
         "came under fire", ["Chahar Dara"]),
        ("In Daraa, rebels shelled a school on Friday.", "shelled", ["Daraa"]),
        # a locative opening the sentence places a clause that comes after its own clauses
        ("In the Bustan al-Qasr neighborhood of Aleppo, where a crossing linked the city's two "
         "halves until last year, rebels detonated a tunnel bomb.", "detonated",
         ["Bustan al-Qasr"]),
        # a locality noun ending a name makes it a place anywhere, even opening the sentence
        ("Kindi Hospital was seized by the rebels in late 2013.", "seized", ["Kindi Hospital"]),
        ("Gunmen killed 21 tourists at the popular Bardo Museum in the capital of Tunis.",
         "killed", ["Bardo Museum"]),
        ("Israel captured the Sinai and Gaza Strip from Egypt in 1967.", "captured",
         ["Sinai", "Gaza Strip"]),
        ("ISIS targeted the army’s positions around the Kuweires Military Airport.",
         "targeted", ["Kuweires Military Airport"]),
        ("The army launched an assault at the Deir Ezzor Military Airport on Wednesday.",
         "launched", ["Deir Ezzor Military Airport"]),
        ("Terrorists shelled the settlements of Jobar (five times), Hawsh Nasri (twice) and "
         "Hawsh Haraba.", "shelled", ["Jobar", "Hawsh Nasri", "Hawsh Haraba"]),
        ("The army captured the strategic town of Tal Al-‘Eiss after a failed attack.",
         "captured", ["Tal Al-‘Eiss"]),
        # three or more localities joined by commas alone are a list; a place in brackets
        # after another qualifies it
        ("Terrorists shelled the settlements of Hawsh-Nasri, Jobar, Harasta, Kabun, farms in "
         "the area and positions near height 612.", "shelled",
         ["Hawsh-Nasri", "Jobar", "Harasta", "Kabun"]),
        ("He was killed in Mayadeen, Deir Ezzor, Syria.", "killed", ["Mayadeen"]),
        ("Terrorists also shelled the settlements of Maharda (Hama province) and Jaba "
         "(Quneitra province).", "shelled", ["Maharda", "Jaba"]),
        # a country after "by"/"from" is the agent or the former holder, not the place
        ("Israel captured the heights from Syria in the 1967 war.", "captured", []),
        ("The area was captured by Israel in 1967.", "captured", []),
        ("Israel captured the West Bank from Jordan in 1967.", "captured", ["West Bank"]),
        # a possessive before a part of the place ("its countryside") does not pass its turn
        ("ISIS launched an attack in Palmyra's northwestern countryside, targeting the Antar "
         "Mountains.", "launched", ["Palmyra"]),
        # a name the gazetteer keys shorter ("Marde") is coordinated from the word's end
        ("Rebels shelled Mardes and Maharada on Sunday.", "shelled", ["Mardes", "Maharada"]),
        # a place before the verb brings those coordinated with it, introduced or not
        ("The towns of Sheikh Miskeen and Nawa were shelled by the army.", "shelled",
         ["Nawa", "Sheikh Miskeen"]),
        # "while"/"after" before a participle do not end the event's clause
        ("A rebel commander was killed while fighting the army in Sheikh Sa’eed.", "killed",
         ["Sheikh Sa’eed"]),
        # a phrase that refers back to a place stands for it
        ("Troops reached Al-Fijah, and this village was captured by the army.", "captured",
         ["Al-Fijah"]),
        ("Rebels held Ma’ardes, Sawran and Taybat Al-Imam; the army may storm the "
         "aforementioned towns soon.", "storm", ["Taybat Al-Imam", "Sawran", "Ma’ardes"]),
        ("The army targeted the villages north of Khattab.", "targeted", ["Khattab"]),
        ("Five people were killed in Hama, where troops were razing homes.", "razing",
         ["Hama"]),
        ("Jets struck the Deir al-Asafir suburb of Damascus, where 12 residents were killed.",
         "killed", ["Deir al-Asafir"]),
        ("Fighting raged in the Homs neighbourhood of Baba Amr, where 12 residents were "
         "killed.", "killed", ["Baba Amr"]),
        # a participle after its clause happened at the main clause's place
        ("Commandos captured the villages of Al-Qastal and Marj Al-Zawiyah near Kinsibba, "
         "killing 20 militants.", "killing", ["Al-Qastal", "Marj Al-Zawiyah"]),
        ("On Monday in Hama, the army stormed the town of Soran, killing 20 militants.",
         "killing", ["Soran"]),
        # a facility named after its town in lowercase is another place
        ("Terrorists shelled Hama airport on Monday.", "shelled", ["Hama airport"]),
        # a person's name with a locality noun names a place; a number can open a name
        ("The army stormed the Al-Assad Suburb on Friday.", "stormed", ["Al-Assad Suburb"]),
        ("Forces loyal to Bashar al-Assad shelled Idlib.", "shelled", ["Idlib"]),
        ("Rebels attacked the 1070 Al-Hamdaniyah Housing Project on Monday.", "attacked",
         ["1070 Al-Hamdaniyah Housing Project"]),
        ("Israel captured the Golan Heights in the 1967 Middle East war.", "captured",
         ["Golan Heights"]),
        # a past participle after "the <place>" modifies it; an active verb's subject is not
        # its place, nor the holder after "from"
        ("Damascus wants Israel to return the strategic Golan Heights captured from Syria in "
         "1967.", "captured", ["Golan Heights"]),
        ("Israel captured the territory from Syria in 1967.", "captured", []),
        # a part of the place referred back to ("its western axis")
        ("The army shelled the nearby town of Taybat Al-Imam, as they prepare to storm its "
         "western axis.", "storm", ["Taybat Al-Imam"]),
        ("The army prepared to storm the western flank.", "storm", []),
        # a capitalised kind word ends a name the gazetteer lacks
        ("The army seized a number of points inside of the Harabish District on Tuesday.",
         "seized", ["Harabish District"]),
        ("A professor said the army seized the town.", "seized", []),
        # a gapped second clause, a part of a place, a qualifier before a participle's place
        ("One person was killed in Damascus and two in the northwestern province of Idlib.",
         "killed", ["Damascus", "Idlib"]),
        ("Jets struck the area around Saraqib and eastern outskirts of Quraytayn.", "struck",
         ["Saraqib", "Quraytayn"]),
        ("The army laid an ambush on a convoy traveling through the Al-Ghaab Plains town of "
         "Khirbat Al-Naqous, killing all of its members.", "killing", ["Khirbat Al-Naqous"]),
        # where the reporter is, is not where it happened
        ("According to an Al-Masdar correspondent in Damascus City, the army liberated the "
         "hilltop overnight.", "liberated", []),
        ("The blast killed 90 people, an activist told ARA News in Damascus.", "killed", []),
        # nor where a closing attribution is, nor where people fled to
        ("Troops killed 35 insurgents overnight, the Interior Ministry in Kabul said.",
         "killed", []),
        ("Nine soldiers were killed when a bomb struck their convoy, the ministry said in a "
         "statement issued in Baghdad.", "killed", []),
        ("Militiamen killed 40 villagers in raids, prompting 2,000 people to flee into Chad.",
         "killed", []),
        ("Gunmen killed 12 people in Beni, the army said.", "killed", ["Beni"]),
        # two dashes enclose an aside; an attack's start is placed by the clause that says
        # how it began; "above" and "within N km of" place an event
        ("In the Deir Ezzor Governorate, the 137th Brigade – in coordination with the NDF – "
         "launched a counter-attack.", "launched", ["Deir Ezzor Governorate"]),
        ("The attack began at 10 A.M. when ISIS stormed the flanks of Tal Hamis.", "began",
         ["Tal Hamis"]),
        ("Jets conducted 45 airstrikes above the northwestern sector of Aleppo City, killing "
         "several militants.", "killing", ["Aleppo City"]),
        ("The army captured the village of Rasm Al-Abed south of the airport.", "captured",
         ["Rasm Al-Abed"]),
        # a locality phrase overrules a stop word that is no demonym
        ("ISIS attacked the army-held village of Nasrallah.", "attacked", ["Nasrallah"]),
        ("The army entered the village of Turkmen on Monday.", "entered", []),
        ("The SDF are now within 11 km of Menbeij, the first time any group has entered the "
         "aforementioned city’s outskirts.", "entered", ["Menbeij"]),
    ],
)  # fmt: skip
def test_event_places(extractor: Extractor, text: str, verb: str, expected: list[str]) -> None:
    assert names(extractor, text, verb) == expected


def test_appositive_country_is_context_not_a_second_place(extractor: Extractor) -> None:
    assert names(extractor, "A bomb killed three people in Benghazi, Libya.", "killed") == [
        "Benghazi"
    ]


def test_relative_place_spans_its_phrase(extractor: Extractor) -> None:
    chosen, _ = places_for(
        extractor, "Jets struck a town 20 km north of Idlib on Monday.", "struck"
    )
    mention, location = chosen[0]
    assert (mention.text, mention.name) == ("20 km north of Idlib", "Idlib")
    assert location.geo_precision == 2


def test_countryside_is_a_region(extractor: Extractor) -> None:
    chosen, _ = places_for(extractor, "Jets struck the Aleppo countryside on Monday.", "struck")
    assert chosen[0][1].geo_precision == 3


def test_pipeline_event_uses_the_relative_phrase_as_evidence(extractor: Extractor) -> None:
    article = make_article("Government jets bombed a village 10 km south of Idlib, killing 5.")
    events = extractor.analyze_one(article).events
    evidence = [ev.text for e in events for ev in e.evidence if ev.field == "location"]
    assert "10 km south of Idlib" in evidence


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # a facility's kind word continues its name, capitalised or not
        ("Troops stormed the Palmyra Museum on Friday.", "stormed", ["Palmyra Museum"]),
        ("The army recaptured the Al-Rami Rest Station from ISIS.", "recaptured",
         ["Al-Rami Rest Station"]),
        ("Rebels shelled the Idlib maternity hospital at dawn.", "shelled",
         ["Idlib maternity hospital"]),
        ("Rebels attacked the Al-Khalidiyah Industrial District.", "attacked",
         ["Al-Khalidiyah Industrial District"]),
        # after a plural locality noun, names joined by commas alone are a list, known or not
        ("Rebels shelled the villages of Kafr Ayya, Tall Zahr, Deir Mousa, farms nearby and a "
         "road.", "shelled", ["Kafr Ayya", "Tall Zahr", "Deir Mousa"]),
        # a country that says who acted is not the place
        ("Two commanders were killed in US airstrikes on Jabal Bishri.", "killed",
         ["Jabal Bishri"]),
        ("A militant was killed in a US-Kurdish raid near Shaddadi.", "killed", ["Shaddadi"]),
        ("Israeli troops captured the Golan Heights and the West Bank from Syria and Jordan.",
         "captured", ["Golan Heights", "West Bank"]),
        ("Jets bombed a town near the border, and an official accused Syria of complicity.",
         "bombed", []),
        # a country that owns the state's news agency is no place of the event
        ("A bomb in Syria's eastern Hasakeh province killed 12, Syria's state news agency SANA "
         "said.", "killed", ["Hasakeh"]),
        ("Five were killed in Syria   s northern Idlib province.", "killed", ["Idlib"]),
        # a death or an injury happened where the clause saying how it came about puts it
        ("Four people were killed when a shell hit a market in Saraqeb.", "killed", ["Saraqeb"]),
        ("Seven were killed in the raids, which struck the town of Kafr Nabl.", "killed",
         ["Kafr Nabl"]),
        ("Seven were killed in the war, which has spread to Lebanon.", "killed", []),
        ("The hill was captured when troops seized Palmyra.", "captured", []),
        # the head of a passive subject, not the place of its prepositional phrase
        ("The Shebaa Farms area on the slopes of Mount Hermon was shelled by the army.",
         "shelled", ["Shebaa Farms"]),
        ("The farmland near Mount Hermon was captured by Israel.", "captured", ["Mount Hermon"]),
        # a name and a finite verb after ", and" open another clause
        ("Israel seized the plateau in 1967, and Damascus wants it back.", "seized", []),
        ("Troops entered Khan Touman, Al-Barqoum, and Al-Zorba as jets struck.", "entered",
         ["Khan Touman", "Al-Barqoum", "Al-Zorba"]),
        # a compass word before a listed name
        ("Israel captured the West Bank and east Jerusalem from Jordan.", "captured",
         ["West Bank", "Jerusalem"]),
        # a list goes on after a facility's kind word, after a locality noun, and from a name
        # a quoted word continues
        ("ISIS attacked the Deir Ezzor Military Airport and nearby village of Al-Jafra.",
         "attacked", ["Deir Ezzor Military Airport", "Al-Jafra"]),
        ("Jets targeted the flanks of ‘Arak village and T-3 Military Base.", "targeted",
         ["Arak", "T-3 Military Base"]),
        ("Troops attacked the villages of Rasm Al-‘Abboud and Tal Ayyoub.", "attacked",
         ["Rasm Al-‘Abboud", "Tal Ayyoub"]),
        # a name after its owner's possessive; "the stronghold of" introduces a place
        ("Troops blew up a tunnel in Deir Ezzor’s Jabiliyah District.", "blew",
         ["Jabiliyah District"]),
        ("Troops detonated a bomb under the stronghold of Zamalka in the East Ghouta.",
         "detonated", ["Zamalka"]),
        # a facility named after a person
        ("Rebels targeted the Al-Assad Academy and the 3000 Housing Project.", "targeted",
         ["Al-Assad Academy", "3000 Housing Project"]),
        # a word opening with an article goes on a known name: another village, and the list
        # goes on after it and after a count in brackets
        ("Terrorists shelled the settlements of Jobar (five times), Harasta al-Qantra, Hawsh "
         "Nasri (twice), Arbin (three times) and Hawsh Haraba.", "shelled",
         ["Jobar", "Harasta al-Qantra", "Hawsh Nasri", "Arbin", "Hawsh Haraba"]),
        ("Rebels in Idlib al-Nusra Front fighters shelled Saraqib.", "shelled", ["Saraqib"]),
        # where fire came from is not the event's place when the clause names another
        ("Israeli missiles fired from the occupied Golan struck a position near Kiswah.",
         "missiles", ["Kiswah"]),
        ("Rebels fired rockets from Jobar.", "fired", ["Jobar"]),
        # ... also with the target between, and from positions in it
        ("HTS fired rockets at Mhardeh (Hama) from positions in Kafr Zeita.", "fired",
         ["Mhardeh"]),
        # a person's home is not the event's place when the clause names another
        ("Gunmen shot dead a man from Jasim in Sheikh Maskin.", "shot", ["Sheikh Maskin"]),
        ("An IED in the car of a commander from Al-Bab exploded in Jarabulus.", "exploded",
         ["Jarabulus"]),
        ("Gunmen shot dead a man from Jasim.", "shot", ["Jasim"]),
        ("Damascus is being continuously shelled from the East Gouta.", "shelled",
         ["Damascus"]),
        # "ISIS" spelled out with "in ... Sham" is an actor, not Iraq
        ("Three YPG fighters were killed in clashes with the Islamic State in Iraq and Sham "
         "(ISIS) in the village of Jafa.", "killed", ["Jafa"]),
    ],
)  # fmt: skip
def test_event_places_second_round(
    extractor: Extractor, text: str, verb: str, expected: list[str]
) -> None:
    assert names(extractor, text, verb) == expected
