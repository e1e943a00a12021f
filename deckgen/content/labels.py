"""The words deckgen itself writes, in the content's language.

Every built-in word a reader sees — slide titles ("Key judgements"), the
footer's "Source:", "Page 3 of 7", confidence and impact words, quiz slide
and quiz sheet wording, handout headings, the HTML page's buttons and the
alt text deckgen writes — comes from one catalogue per language here, picked
by the primary subtag of the content's ``language`` (``de-AT`` → ``de``).
The content key ``labels: {key: text}`` overrides any entry; an unknown
language falls back to English (the storyline warns). The likelihood words
of a yardstick are the yardstick's own and are never translated.

A text may hold ``{name}`` placeholders (``Page {n} of {total}``); an
override may use the same names as the English text, in any order, and
leave any out.
"""

from __future__ import annotations

import difflib
import string
from functools import lru_cache

from deckgen.content.grammar import INVALID, Field, Record, Text
from deckgen.errors import did_you_mean, one_of

DEFAULT = "en"

#: The English catalogue: every key there is, with its text.
EN: dict[str, str] = {
    # block titles (slides and reading handout headings)
    "question": "The question",
    "bluf": "Key judgements",
    "context": "Context",
    "figures": "Key figures",
    "timeline": "Timeline",
    "concerns": "Concerns",
    "constraints": "Constraints",
    "responses": "Likely responses",
    "outlook": "Outlook",
    "objectives": "Learning objectives",
    "discussion": "Discussion questions",
    "sources": "Sources",
    "charts": "Charts",
    "agenda": "Agenda",
    "minutes": "{n} min",
    "time_note": "Time: {minutes}",
    "time_section": "Time: {minutes} for this section",
    "time_span": " (slides {first}–{last})",
    "time_part": "Time: part of the {minutes} from slide {first}",
    "responses_detail": "Responses in detail",
    # slide furniture and cards
    "footer_source": "Source: {list}",
    "footer_sources": "Sources: {list}",
    "see_sources": "(see the Sources slide)",
    "confidence_low": "low confidence",
    "confidence_moderate": "moderate confidence",
    "confidence_high": "high confidence",
    "impact_low": "Low impact",
    "impact_medium": "Medium impact",
    "impact_high": "High impact",
    "impact_critical": "Critical impact",
    "evidence": "Evidence:",
    "evidence_chart": "Chart: {name}",
    "scale": "Scale",
    "scale_range": "{yardstick}, 0–100 %",
    "yardstick_phia": "UK Probability Yardstick",
    "yardstick_icd203": "ICD 203 (US)",
    # alt text
    "yardstick_alt": "Probability yardstick ({yardstick}) placing {n} responses on a "
                     "0–100 % scale: {list}.",
    "timeline_alt": "Timeline: {events}",
    "table_alt": "Table with columns {columns}; {n} rows.",
    "chart_alt": "{type} of {subject}. {values}.",
    "chart_bar": "Bar chart",
    "chart_column": "Column chart",
    "chart_stacked": "Stacked column chart",
    "chart_pie": "Pie chart",
    "chart_doughnut": "Doughnut chart",
    "chart_line": "Line chart",
    "chart_range": "Range chart",
    "and_more": "{list} and {n} more",
    "value": "Value",
    "chart": "Chart",
    "picture": "Picture",
    "probability_yardstick": "Probability yardstick",
    "probability_axis": "probability (%)",
    "yardstick_picture": "The responses on the yardstick",
    # dates
    "date_day": "{day} {month} {year}",
    "date_month": "{month} {year}",
    "month_1": "January", "month_2": "February", "month_3": "March", "month_4": "April",
    "month_5": "May", "month_6": "June", "month_7": "July", "month_8": "August",
    "month_9": "September", "month_10": "October", "month_11": "November",
    "month_12": "December",
    # quiz slides
    "quiz_title": "Check your understanding",
    "quiz_question_title": "Check your understanding {n}",
    "quiz_answer_title": "Answer {n}",
    "instruction_choice": "Choose one answer.",
    "instruction_multi": "Choose all that apply.",
    "instruction_true_false": "True or false?",
    "instruction_numeric": "Answer with a number.",
    "instruction_short": "Answer in a word or a few words.",
    "instruction_order": "Put these in order, first to last: give the letters.",
    "instruction_match": "Match each numbered item with a lettered one.",
    "reveal_choice": "The right answer is marked.",
    "reveal_multi": "The right answers are marked.",
    "reveal_order": "The right order, first to last:",
    "reveal_match": "The right pairs:",
    "true": "True",
    "false": "False",
    "your_answer": "Your answer:",
    "quiz_ask_notes": "Question {n} of {total} of the quiz (version 1: the same numbers and letters "
                      "as the printed sheet). The answer is on the next slide.",
    "answer": "Answer",
    "answers": "Answers",
    "right_order": "Right order",
    "pairs": "Pairs",
    "colon": "{label}: {text}",
    "any_value_from": "any value from {range}",
    "also_accepted": "{answer} (also accepted: {others})",
    # quiz sheets and answer keys
    "also_accept": "{answer} (also accept: {others})",
    "tick_all": "Tick all that apply.",
    "order_hint_boxes": "Write 1 to {n} in the boxes: 1 for the first, {n} for the last.",
    "match_hint_boxes": "Write the letter of the matching answer in the box beside each item.",
    "order_hint_lines": "Write 1 to {n} on the lines: 1 for the first, {n} for the last.",
    "match_hint_lines": "Write the letter of the matching answer on the line beside each item.",
    "answer_key_title": "{title} — answer key",
    "answer_key": "Answer key",
    "name": "Name",
    "date": "Date",
    "sheet_instructions": "Answer all {n} questions ({points} in total). Tick one box unless "
                          "a question asks you to tick all that apply.",
    "key_intro": "{n} questions, {points}. Letters and numbers refer to the order on the "
                 "student sheet.",
    "key_intro_version": "{n} questions, {points}. Letters and numbers refer to the order on "
                         "the version {v} sheet.",
    "number_head": "No.",
    "marks": "Marks",
    "version": "Version {n}",
    "page": "Page {n} of {total}",
    "point_one": "{n} point",
    "point_other": "{n} points",
    "generated": "Generated {origin}",
    "authored": "Authored: {origin}",
    "origin_source": "{origin} · source: {sources}",
    # reading handout
    "author": "Author",
    "authors": "Authors",
    "organisation": "Organisation",
    "classification": "Classification",
    "probability_scale": "Probability scale",
    "key_figure": "Key figure",
    "as_of": "As of",
    "source": "Source",
    "event": "Event",
    "chart_number": "Chart {n}",
    "charts_numbers": "Charts {list} and {last}",
    "see_chart": "See chart {n} above.",
    "as_of_date": "As of {date}",
    "source_cite": "Source: {cite}",
    "figure_as_of": "as of {date}",
    "figure_source": "source {numbers}",
    "yardstick_caption": "Each response on the {yardstick} (0–100 %); shaded columns are the "
                         "scale's bands, bars the range judged for each response.",
    "presenter_note": "Presenter's note",
    # slide and notes handouts, the HTML page
    "slide": "Slide {n}",
    "slide_titled": "Slide {n}: {title}",
    "speaker_notes": "Speaker notes",
    "no_notes": "This slide has no speaker notes.",
    "notes": "Notes",
    "no_notes_html": "No speaker notes for this slide.",
    "speaker_notes_slide": "Speaker notes, slide {n}",
    "slide_controls": "Slide controls",
    "previous_slide": "Previous slide",
    "next_slide": "Next slide",
}

DE: dict[str, str] = {
    "question": "Die Frage",
    "bluf": "Kernaussagen",
    "context": "Hintergrund",
    "figures": "Kennzahlen",
    "timeline": "Zeitleiste",
    "concerns": "Sorgen",
    "constraints": "Einschränkungen",
    "responses": "Wahrscheinliche Reaktionen",
    "outlook": "Ausblick",
    "objectives": "Lernziele",
    "discussion": "Diskussionsfragen",
    "sources": "Quellen",
    "charts": "Diagramme",
    "agenda": "Ablauf",
    "minutes": "{n} Min.",
    "time_note": "Zeit: {minutes}",
    "time_section": "Zeit: {minutes} für diesen Abschnitt",
    "time_span": " (Folien {first}–{last})",
    "time_part": "Zeit: Teil der {minutes} ab Folie {first}",
    "responses_detail": "Reaktionen im Einzelnen",
    "footer_source": "Quelle: {list}",
    "footer_sources": "Quellen: {list}",
    "see_sources": "(siehe Folie „Quellen“)",
    "confidence_low": "geringe Konfidenz",
    "confidence_moderate": "mittlere Konfidenz",
    "confidence_high": "hohe Konfidenz",
    "impact_low": "Geringe Auswirkung",
    "impact_medium": "Mittlere Auswirkung",
    "impact_high": "Hohe Auswirkung",
    "impact_critical": "Kritische Auswirkung",
    "evidence": "Belege:",
    "evidence_chart": "Diagramm: {name}",
    "scale": "Skala",
    "scale_range": "{yardstick}, 0–100 %",
    "yardstick_phia": "Britische Wahrscheinlichkeitsskala",
    "yardstick_icd203": "ICD 203 (USA)",
    "yardstick_alt": "Wahrscheinlichkeitsskala ({yardstick}), auf der {n} Reaktionen zwischen "
                     "0 und 100 % eingeordnet sind: {list}.",
    "timeline_alt": "Zeitleiste: {events}",
    "table_alt": "Tabelle mit den Spalten {columns}; {n} Zeilen.",
    "chart_alt": "{type} zu {subject}. {values}.",
    "chart_bar": "Balkendiagramm",
    "chart_column": "Säulendiagramm",
    "chart_stacked": "Gestapeltes Säulendiagramm",
    "chart_pie": "Kreisdiagramm",
    "chart_doughnut": "Ringdiagramm",
    "chart_line": "Liniendiagramm",
    "chart_range": "Spannweitendiagramm",
    "and_more": "{list} und {n} weitere",
    "value": "Wert",
    "chart": "Diagramm",
    "picture": "Bild",
    "probability_yardstick": "Wahrscheinlichkeitsskala",
    "probability_axis": "Wahrscheinlichkeit (%)",
    "yardstick_picture": "Die Reaktionen auf der Wahrscheinlichkeitsskala",
    "date_day": "{day}. {month} {year}",
    "date_month": "{month} {year}",
    "month_1": "Januar", "month_2": "Februar", "month_3": "März", "month_4": "April",
    "month_5": "Mai", "month_6": "Juni", "month_7": "Juli", "month_8": "August",
    "month_9": "September", "month_10": "Oktober", "month_11": "November",
    "month_12": "Dezember",
    "quiz_title": "Verständnisfragen",
    "quiz_question_title": "Verständnisfrage {n}",
    "quiz_answer_title": "Antwort {n}",
    "instruction_choice": "Wählen Sie eine Antwort.",
    "instruction_multi": "Wählen Sie alle zutreffenden Antworten.",
    "instruction_true_false": "Richtig oder falsch?",
    "instruction_numeric": "Antworten Sie mit einer Zahl.",
    "instruction_short": "Antworten Sie mit einem Wort oder wenigen Wörtern.",
    "instruction_order": "Bringen Sie die Punkte in ihre Reihenfolge, vom ersten bis zum "
                         "letzten: Geben Sie die Buchstaben an.",
    "instruction_match": "Ordnen Sie jedem nummerierten Punkt einen Punkt mit Buchstaben zu.",
    "reveal_choice": "Die richtige Antwort ist markiert.",
    "reveal_multi": "Die richtigen Antworten sind markiert.",
    "reveal_order": "Die richtige Reihenfolge, vom ersten bis zum letzten:",
    "reveal_match": "Die richtigen Paare:",
    "true": "Richtig",
    "false": "Falsch",
    "your_answer": "Ihre Antwort:",
    "quiz_ask_notes": "Frage {n} von {total} des Quiz (Version 1: dieselben Nummern und Buchstaben "
                      "wie auf dem gedruckten Blatt). Die Antwort steht auf der nächsten Folie.",
    "answer": "Antwort",
    "answers": "Antworten",
    "right_order": "Richtige Reihenfolge",
    "pairs": "Paare",
    "colon": "{label}: {text}",
    "any_value_from": "jeder Wert von {range}",
    "also_accepted": "{answer} (ebenfalls richtig: {others})",
    "also_accept": "{answer} (ebenfalls gelten lassen: {others})",
    "tick_all": "Kreuzen Sie alle zutreffenden an.",
    "order_hint_boxes": "Schreiben Sie 1 bis {n} in die Kästchen: 1 für den ersten, {n} für "
                        "den letzten Punkt.",
    "match_hint_boxes": "Schreiben Sie den Buchstaben der passenden Antwort in das Kästchen "
                        "neben jedem Punkt.",
    "order_hint_lines": "Schreiben Sie 1 bis {n} auf die Linien: 1 für den ersten, {n} für "
                        "den letzten Punkt.",
    "match_hint_lines": "Schreiben Sie den Buchstaben der passenden Antwort auf die Linie "
                        "neben jedem Punkt.",
    "answer_key_title": "{title} – Lösungen",
    "answer_key": "Lösungen",
    "name": "Name",
    "date": "Datum",
    "sheet_instructions": "Beantworten Sie alle {n} Fragen (insgesamt {points}). Kreuzen Sie "
                          "ein Kästchen an, außer eine Frage verlangt, alle zutreffenden "
                          "anzukreuzen.",
    "key_intro": "{n} Fragen, {points}. Buchstaben und Nummern folgen der Reihenfolge auf dem "
                 "Aufgabenblatt.",
    "key_intro_version": "{n} Fragen, {points}. Buchstaben und Nummern folgen der Reihenfolge "
                         "auf dem Aufgabenblatt der Version {v}.",
    "number_head": "Nr.",
    "marks": "Punkte",
    "version": "Version {n}",
    "page": "Seite {n} von {total}",
    "point_one": "{n} Punkt",
    "point_other": "{n} Punkte",
    "generated": "Erzeugt {origin}",
    "authored": "Verfasst: {origin}",
    "origin_source": "{origin} · Quelle: {sources}",
    "author": "Autor",
    "authors": "Autoren",
    "organisation": "Organisation",
    "classification": "Einstufung",
    "probability_scale": "Wahrscheinlichkeitsskala",
    "key_figure": "Kennzahl",
    "as_of": "Stand",
    "source": "Quelle",
    "event": "Ereignis",
    "chart_number": "Diagramm {n}",
    "charts_numbers": "Diagramme {list} und {last}",
    "see_chart": "Siehe Diagramm {n} oben.",
    "as_of_date": "Stand: {date}",
    "source_cite": "Quelle: {cite}",
    "figure_as_of": "Stand {date}",
    "figure_source": "Quelle {numbers}",
    "yardstick_caption": "Jede Reaktion auf der Skala „{yardstick}“ (0–100 %); schattierte "
                         "Spalten sind die Stufen der Skala, Balken die für jede Reaktion "
                         "beurteilte Spanne.",
    "presenter_note": "Hinweis für Vortragende",
    "slide": "Folie {n}",
    "slide_titled": "Folie {n}: {title}",
    "speaker_notes": "Sprechernotizen",
    "no_notes": "Diese Folie hat keine Sprechernotizen.",
    "notes": "Notizen",
    "no_notes_html": "Keine Sprechernotizen zu dieser Folie.",
    "speaker_notes_slide": "Sprechernotizen, Folie {n}",
    "slide_controls": "Foliensteuerung",
    "previous_slide": "Vorherige Folie",
    "next_slide": "Nächste Folie",
}

FR: dict[str, str] = {
    "question": "La question",
    "bluf": "Jugements clés",
    "context": "Contexte",
    "figures": "Chiffres clés",
    "timeline": "Chronologie",
    "concerns": "Préoccupations",
    "constraints": "Contraintes",
    "responses": "Réponses probables",
    "outlook": "Perspectives",
    "objectives": "Objectifs d'apprentissage",
    "discussion": "Questions de discussion",
    "sources": "Sources",
    "charts": "Graphiques",
    "agenda": "Programme",
    "minutes": "{n}\xa0min",
    "time_note": "Durée\xa0: {minutes}",
    "time_section": "Durée\xa0: {minutes} pour cette partie",
    "time_span": " (diapositives {first}–{last})",
    "time_part": "Durée\xa0: comprise dans les {minutes} de la diapositive {first}",
    "responses_detail": "Réponses en détail",
    "footer_source": "Source\u00a0: {list}",
    "footer_sources": "Sources\u00a0: {list}",
    "see_sources": "(voir la diapositive Sources)",
    "confidence_low": "confiance faible",
    "confidence_moderate": "confiance modérée",
    "confidence_high": "confiance élevée",
    "impact_low": "Impact faible",
    "impact_medium": "Impact moyen",
    "impact_high": "Impact élevé",
    "impact_critical": "Impact critique",
    "evidence": "Éléments probants\u00a0:",
    "evidence_chart": "Graphique\u00a0: {name}",
    "scale": "Échelle",
    "scale_range": "{yardstick}, 0–100 %",
    "yardstick_phia": "Échelle de probabilité du Royaume-Uni",
    "yardstick_icd203": "ICD 203 (États-Unis)",
    "yardstick_alt": "Échelle de probabilité ({yardstick}) situant {n} réponses entre 0 et "
                     "100 %\u00a0: {list}.",
    "timeline_alt": "Chronologie\u00a0: {events}",
    "table_alt": "Tableau avec les colonnes {columns}\u00a0; {n} lignes.",
    "chart_alt": "{type}\u00a0: {subject}. {values}.",
    "chart_bar": "Graphique à barres",
    "chart_column": "Histogramme",
    "chart_stacked": "Histogramme empilé",
    "chart_pie": "Graphique circulaire",
    "chart_doughnut": "Graphique en anneau",
    "chart_line": "Graphique linéaire",
    "chart_range": "Graphique d'intervalles",
    "and_more": "{list} et {n} autres",
    "value": "Valeur",
    "chart": "Graphique",
    "picture": "Image",
    "probability_yardstick": "Échelle de probabilité",
    "probability_axis": "probabilité (%)",
    "yardstick_picture": "Les réponses sur l'échelle de probabilité",
    "date_day": "{day} {month} {year}",
    "date_month": "{month} {year}",
    "month_1": "janvier", "month_2": "février", "month_3": "mars", "month_4": "avril",
    "month_5": "mai", "month_6": "juin", "month_7": "juillet", "month_8": "août",
    "month_9": "septembre", "month_10": "octobre", "month_11": "novembre",
    "month_12": "décembre",
    "quiz_title": "Vérifiez vos connaissances",
    "quiz_question_title": "Question de contrôle {n}",
    "quiz_answer_title": "Réponse {n}",
    "instruction_choice": "Choisissez une réponse.",
    "instruction_multi": "Choisissez toutes les réponses qui conviennent.",
    "instruction_true_false": "Vrai ou faux\u00a0?",
    "instruction_numeric": "Répondez par un nombre.",
    "instruction_short": "Répondez en un mot ou en quelques mots.",
    "instruction_order": "Classez ces éléments du premier au dernier\u00a0: indiquez les "
                         "lettres.",
    "instruction_match": "Associez chaque élément numéroté à un élément désigné par une lettre.",
    "reveal_choice": "La bonne réponse est indiquée.",
    "reveal_multi": "Les bonnes réponses sont indiquées.",
    "reveal_order": "Le bon ordre, du premier au dernier\u00a0:",
    "reveal_match": "Les bonnes paires\u00a0:",
    "true": "Vrai",
    "false": "Faux",
    "your_answer": "Votre réponse\u00a0:",
    "quiz_ask_notes": "Question {n} sur {total} du quiz (version 1\u00a0: mêmes numéros et lettres "
                      "que la feuille imprimée). La réponse est sur la diapositive suivante.",
    "answer": "Réponse",
    "answers": "Réponses",
    "right_order": "Bon ordre",
    "pairs": "Paires",
    "colon": "{label}\u00a0: {text}",
    "any_value_from": "toute valeur de {range}",
    "also_accepted": "{answer} (également accepté\u00a0: {others})",
    "also_accept": "{answer} (accepter aussi\u00a0: {others})",
    "tick_all": "Cochez toutes les réponses qui conviennent.",
    "order_hint_boxes": "Écrivez 1 à {n} dans les cases\u00a0: 1 pour le premier, {n} pour le "
                        "dernier.",
    "match_hint_boxes": "Écrivez la lettre de la réponse correspondante dans la case à côté "
                        "de chaque élément.",
    "order_hint_lines": "Écrivez 1 à {n} sur les lignes\u00a0: 1 pour le premier, {n} pour le "
                        "dernier.",
    "match_hint_lines": "Écrivez la lettre de la réponse correspondante sur la ligne à côté "
                        "de chaque élément.",
    "answer_key_title": "{title} — corrigé",
    "answer_key": "Corrigé",
    "name": "Nom",
    "date": "Date",
    "sheet_instructions": "Répondez aux {n} questions ({points} au total). Cochez une seule "
                          "case, sauf si une question demande de cocher toutes les réponses "
                          "qui conviennent.",
    "key_intro": "{n} questions, {points}. Les lettres et les numéros suivent l'ordre de la "
                 "feuille de l'étudiant.",
    "key_intro_version": "{n} questions, {points}. Les lettres et les numéros suivent l'ordre "
                         "de la feuille de la version {v}.",
    "number_head": "N°",
    "marks": "Points",
    "version": "Version {n}",
    "page": "Page {n} sur {total}",
    "point_one": "{n} point",
    "point_other": "{n} points",
    "generated": "Générée {origin}",
    "authored": "Rédigée\u00a0: {origin}",
    "origin_source": "{origin} · source\u00a0: {sources}",
    "author": "Auteur",
    "authors": "Auteurs",
    "organisation": "Organisation",
    "classification": "Classification",
    "probability_scale": "Échelle de probabilité",
    "key_figure": "Chiffre clé",
    "as_of": "Situation au",
    "source": "Source",
    "event": "Événement",
    "chart_number": "Graphique {n}",
    "charts_numbers": "Graphiques {list} et {last}",
    "see_chart": "Voir le graphique {n} ci-dessus.",
    "as_of_date": "Situation au {date}",
    "source_cite": "Source\u00a0: {cite}",
    "figure_as_of": "situation au {date}",
    "figure_source": "source {numbers}",
    "yardstick_caption": "Chaque réponse selon l'échelle «\u00a0{yardstick}\u00a0» (0–100 %)\u00a0; "
                         "les colonnes ombrées sont les niveaux de l'échelle, les barres "
                         "l'intervalle estimé pour chaque réponse.",
    "presenter_note": "Note de l'intervenant",
    "slide": "Diapositive {n}",
    "slide_titled": "Diapositive {n}\u00a0: {title}",
    "speaker_notes": "Notes de l'orateur",
    "no_notes": "Cette diapositive n'a pas de notes de l'orateur.",
    "notes": "Notes",
    "no_notes_html": "Pas de notes de l'orateur pour cette diapositive.",
    "speaker_notes_slide": "Notes de l'orateur, diapositive {n}",
    "slide_controls": "Commandes des diapositives",
    "previous_slide": "Diapositive précédente",
    "next_slide": "Diapositive suivante",
}

ES: dict[str, str] = {
    "question": "La pregunta",
    "bluf": "Juicios clave",
    "context": "Contexto",
    "figures": "Cifras clave",
    "timeline": "Cronología",
    "concerns": "Preocupaciones",
    "constraints": "Limitaciones",
    "responses": "Respuestas probables",
    "outlook": "Perspectivas",
    "objectives": "Objetivos de aprendizaje",
    "discussion": "Preguntas para el debate",
    "sources": "Fuentes",
    "charts": "Gráficos",
    "agenda": "Orden del día",
    "minutes": "{n} min",
    "time_note": "Tiempo: {minutes}",
    "time_section": "Tiempo: {minutes} para esta sección",
    "time_span": " (diapositivas {first}–{last})",
    "time_part": "Tiempo: parte de los {minutes} de la diapositiva {first}",
    "responses_detail": "Respuestas en detalle",
    "footer_source": "Fuente: {list}",
    "footer_sources": "Fuentes: {list}",
    "see_sources": "(véase la diapositiva Fuentes)",
    "confidence_low": "confianza baja",
    "confidence_moderate": "confianza moderada",
    "confidence_high": "confianza alta",
    "impact_low": "Impacto bajo",
    "impact_medium": "Impacto medio",
    "impact_high": "Impacto alto",
    "impact_critical": "Impacto crítico",
    "evidence": "Pruebas:",
    "evidence_chart": "Gráfico: {name}",
    "scale": "Escala",
    "scale_range": "{yardstick}, 0–100 %",
    "yardstick_phia": "Escala de probabilidad del Reino Unido",
    "yardstick_icd203": "ICD 203 (EE. UU.)",
    "yardstick_alt": "Escala de probabilidad ({yardstick}) que sitúa {n} respuestas entre 0 y "
                     "100 %: {list}.",
    "timeline_alt": "Cronología: {events}",
    "table_alt": "Tabla con las columnas {columns}; {n} filas.",
    "chart_alt": "{type} de {subject}. {values}.",
    "chart_bar": "Gráfico de barras",
    "chart_column": "Gráfico de columnas",
    "chart_stacked": "Gráfico de columnas apiladas",
    "chart_pie": "Gráfico circular",
    "chart_doughnut": "Gráfico de anillo",
    "chart_line": "Gráfico de líneas",
    "chart_range": "Gráfico de intervalos",
    "and_more": "{list} y {n} más",
    "value": "Valor",
    "chart": "Gráfico",
    "picture": "Imagen",
    "probability_yardstick": "Escala de probabilidad",
    "probability_axis": "probabilidad (%)",
    "yardstick_picture": "Las respuestas en la escala de probabilidad",
    "date_day": "{day} de {month} de {year}",
    "date_month": "{month} de {year}",
    "month_1": "enero", "month_2": "febrero", "month_3": "marzo", "month_4": "abril",
    "month_5": "mayo", "month_6": "junio", "month_7": "julio", "month_8": "agosto",
    "month_9": "septiembre", "month_10": "octubre", "month_11": "noviembre",
    "month_12": "diciembre",
    "quiz_title": "Comprueba lo aprendido",
    "quiz_question_title": "Pregunta de repaso {n}",
    "quiz_answer_title": "Respuesta {n}",
    "instruction_choice": "Elige una respuesta.",
    "instruction_multi": "Elige todas las que correspondan.",
    "instruction_true_false": "¿Verdadero o falso?",
    "instruction_numeric": "Responde con un número.",
    "instruction_short": "Responde con una palabra o unas pocas.",
    "instruction_order": "Ordena estos elementos del primero al último: indica las letras.",
    "instruction_match": "Relaciona cada elemento numerado con uno de los que llevan letra.",
    "reveal_choice": "La respuesta correcta está marcada.",
    "reveal_multi": "Las respuestas correctas están marcadas.",
    "reveal_order": "El orden correcto, del primero al último:",
    "reveal_match": "Las parejas correctas:",
    "true": "Verdadero",
    "false": "Falso",
    "your_answer": "Tu respuesta:",
    "quiz_ask_notes": "Pregunta {n} de {total} del cuestionario (versión 1: los mismos números y "
                      "letras que la hoja impresa). La respuesta está en la diapositiva siguiente.",
    "answer": "Respuesta",
    "answers": "Respuestas",
    "right_order": "Orden correcto",
    "pairs": "Parejas",
    "colon": "{label}: {text}",
    "any_value_from": "cualquier valor de {range}",
    "also_accepted": "{answer} (también vale: {others})",
    "also_accept": "{answer} (aceptar también: {others})",
    "tick_all": "Marca todas las que correspondan.",
    "order_hint_boxes": "Escribe del 1 al {n} en las casillas: 1 para el primero, {n} para el "
                        "último.",
    "match_hint_boxes": "Escribe la letra de la respuesta correspondiente en la casilla junto "
                        "a cada elemento.",
    "order_hint_lines": "Escribe del 1 al {n} en las líneas: 1 para el primero, {n} para el "
                        "último.",
    "match_hint_lines": "Escribe la letra de la respuesta correspondiente en la línea junto a "
                        "cada elemento.",
    "answer_key_title": "{title} — solucionario",
    "answer_key": "Solucionario",
    "name": "Nombre",
    "date": "Fecha",
    "sheet_instructions": "Responde a las {n} preguntas ({points} en total). Marca una casilla "
                          "salvo que una pregunta pida marcar todas las que correspondan.",
    "key_intro": "{n} preguntas, {points}. Las letras y los números siguen el orden de la hoja "
                 "del estudiante.",
    "key_intro_version": "{n} preguntas, {points}. Las letras y los números siguen el orden de "
                         "la hoja de la versión {v}.",
    "number_head": "N.º",
    "marks": "Puntos",
    "version": "Versión {n}",
    "page": "Página {n} de {total}",
    "point_one": "{n} punto",
    "point_other": "{n} puntos",
    "generated": "Generada {origin}",
    "authored": "Redactada: {origin}",
    "origin_source": "{origin} · fuente: {sources}",
    "author": "Autor",
    "authors": "Autores",
    "organisation": "Organización",
    "classification": "Clasificación",
    "probability_scale": "Escala de probabilidad",
    "key_figure": "Cifra clave",
    "as_of": "A fecha de",
    "source": "Fuente",
    "event": "Acontecimiento",
    "chart_number": "Gráfico {n}",
    "charts_numbers": "Gráficos {list} y {last}",
    "see_chart": "Véase el gráfico {n} más arriba.",
    "as_of_date": "A fecha de {date}",
    "source_cite": "Fuente: {cite}",
    "figure_as_of": "a fecha de {date}",
    "figure_source": "fuente {numbers}",
    "yardstick_caption": "Cada respuesta en la escala «{yardstick}» (0–100 %); las columnas "
                         "sombreadas son los niveles de la escala y las barras, el intervalo "
                         "estimado para cada respuesta.",
    "presenter_note": "Nota para el ponente",
    "slide": "Diapositiva {n}",
    "slide_titled": "Diapositiva {n}: {title}",
    "speaker_notes": "Notas del orador",
    "no_notes": "Esta diapositiva no tiene notas del orador.",
    "notes": "Notas",
    "no_notes_html": "No hay notas del orador para esta diapositiva.",
    "speaker_notes_slide": "Notas del orador, diapositiva {n}",
    "slide_controls": "Controles de las diapositivas",
    "previous_slide": "Diapositiva anterior",
    "next_slide": "Diapositiva siguiente",
}

KO: dict[str, str] = {
    "question": "질문",
    "bluf": "핵심 판단",
    "context": "배경",
    "figures": "주요 수치",
    "timeline": "연표",
    "concerns": "우려 사항",
    "constraints": "제약 요인",
    "responses": "예상 대응",
    "outlook": "전망",
    "objectives": "학습 목표",
    "discussion": "토론 질문",
    "sources": "출처",
    "charts": "차트",
    "agenda": "순서",
    "minutes": "{n}분",
    "time_note": "시간: {minutes}",
    "time_section": "시간: 이 부분에 {minutes}",
    "time_span": " (슬라이드 {first}–{last})",
    "time_part": "시간: 슬라이드 {first}부터의 {minutes}에 포함",
    "responses_detail": "대응 상세",
    "footer_source": "출처: {list}",
    "footer_sources": "출처: {list}",
    "see_sources": "(출처 슬라이드 참조)",
    "confidence_low": "신뢰도 낮음",
    "confidence_moderate": "신뢰도 보통",
    "confidence_high": "신뢰도 높음",
    "impact_low": "영향 낮음",
    "impact_medium": "영향 보통",
    "impact_high": "영향 높음",
    "impact_critical": "영향 심각",
    "evidence": "근거:",
    "evidence_chart": "차트: {name}",
    "scale": "척도",
    "scale_range": "{yardstick}, 0–100 %",
    "yardstick_phia": "영국 확률 척도",
    "yardstick_icd203": "ICD 203 (미국)",
    "yardstick_alt": "확률 척도({yardstick})에 대응 {n}개를 0–100 % 범위에 배치: {list}.",
    "timeline_alt": "연표: {events}",
    "table_alt": "열이 {columns}인 표, {n}행.",
    "chart_alt": "{subject}: {type}. {values}.",
    "chart_bar": "가로 막대 차트",
    "chart_column": "세로 막대 차트",
    "chart_stacked": "누적 세로 막대 차트",
    "chart_pie": "원형 차트",
    "chart_doughnut": "도넛형 차트",
    "chart_line": "꺾은선 차트",
    "chart_range": "범위 차트",
    "and_more": "{list} 외 {n}개",
    "value": "값",
    "chart": "차트",
    "picture": "그림",
    "probability_yardstick": "확률 척도",
    "probability_axis": "확률(%)",
    "yardstick_picture": "확률 척도 위의 대응",
    "date_day": "{year}년 {month} {day}일",
    "date_month": "{year}년 {month}",
    "month_1": "1월", "month_2": "2월", "month_3": "3월", "month_4": "4월", "month_5": "5월",
    "month_6": "6월", "month_7": "7월", "month_8": "8월", "month_9": "9월", "month_10": "10월",
    "month_11": "11월", "month_12": "12월",
    "quiz_title": "이해도 확인",
    "quiz_question_title": "이해도 확인 {n}",
    "quiz_answer_title": "정답 {n}",
    "instruction_choice": "답을 하나 고르세요.",
    "instruction_multi": "해당하는 답을 모두 고르세요.",
    "instruction_true_false": "참인가요, 거짓인가요?",
    "instruction_numeric": "숫자로 답하세요.",
    "instruction_short": "한 단어나 짧은 말로 답하세요.",
    "instruction_order": "처음부터 끝까지 순서대로 놓고 글자로 답하세요.",
    "instruction_match": "번호가 붙은 항목마다 글자가 붙은 항목을 짝지으세요.",
    "reveal_choice": "정답이 표시되어 있습니다.",
    "reveal_multi": "정답이 모두 표시되어 있습니다.",
    "reveal_order": "올바른 순서(처음부터 끝까지):",
    "reveal_match": "올바른 짝:",
    "true": "참",
    "false": "거짓",
    "your_answer": "답:",
    "quiz_ask_notes": "퀴즈 {total}문항 중 {n}번 문항(버전 1: 인쇄된 시험지와 같은 번호와 글자). "
                      "정답은 다음 슬라이드에 있습니다.",
    "answer": "정답",
    "answers": "정답",
    "right_order": "올바른 순서",
    "pairs": "짝",
    "colon": "{label}: {text}",
    "any_value_from": "{range} 사이의 값",
    "also_accepted": "{answer} (다른 인정 답: {others})",
    "also_accept": "{answer} (함께 인정: {others})",
    "tick_all": "해당하는 것을 모두 표시하세요.",
    "order_hint_boxes": "칸에 1부터 {n}까지 쓰세요. 처음은 1, 마지막은 {n}입니다.",
    "match_hint_boxes": "각 항목 옆 칸에 맞는 답의 글자를 쓰세요.",
    "order_hint_lines": "줄에 1부터 {n}까지 쓰세요. 처음은 1, 마지막은 {n}입니다.",
    "match_hint_lines": "각 항목 옆 줄에 맞는 답의 글자를 쓰세요.",
    "answer_key_title": "{title} — 정답표",
    "answer_key": "정답표",
    "name": "이름",
    "date": "날짜",
    "sheet_instructions": "{n}문항에 모두 답하세요(총 {points}). 해당하는 것을 모두 "
                          "표시하라는 문항이 아니면 한 칸만 표시하세요.",
    "key_intro": "{n}문항, {points}. 글자와 번호는 학생용 시험지의 순서를 따릅니다.",
    "key_intro_version": "{n}문항, {points}. 글자와 번호는 버전 {v} 시험지의 순서를 따릅니다.",
    "number_head": "번호",
    "marks": "배점",
    "version": "버전 {n}",
    "page": "{total}쪽 중 {n}쪽",
    "point_one": "{n}점",
    "point_other": "{n}점",
    "generated": "자동 생성: {origin}",
    "authored": "작성 문항: {origin}",
    "origin_source": "{origin} · 출처: {sources}",
    "author": "저자",
    "authors": "저자",
    "organisation": "기관",
    "classification": "보안 등급",
    "probability_scale": "확률 척도",
    "key_figure": "주요 수치",
    "as_of": "기준일",
    "source": "출처",
    "event": "사건",
    "chart_number": "차트 {n}",
    "charts_numbers": "차트 {list}, {last}",
    "see_chart": "위의 차트 {n} 참조.",
    "as_of_date": "{date} 기준",
    "source_cite": "출처: {cite}",
    "figure_as_of": "{date} 기준",
    "figure_source": "출처 {numbers}",
    "yardstick_caption": "{yardstick}(0–100 %) 위의 각 대응. 음영 열은 척도의 구간이고, "
                         "막대는 각 대응에 대해 판단한 범위입니다.",
    "presenter_note": "발표자 메모",
    "slide": "슬라이드 {n}",
    "slide_titled": "슬라이드 {n}: {title}",
    "speaker_notes": "발표자 노트",
    "no_notes": "이 슬라이드에는 발표자 노트가 없습니다.",
    "notes": "노트",
    "no_notes_html": "이 슬라이드에는 발표자 노트가 없습니다.",
    "speaker_notes_slide": "발표자 노트, 슬라이드 {n}",
    "slide_controls": "슬라이드 조작",
    "previous_slide": "이전 슬라이드",
    "next_slide": "다음 슬라이드",
}

#: The catalogues, by primary language subtag.
CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "de": DE, "fr": FR, "es": ES, "ko": KO}


def placeholders(text: str) -> set[str]:
    """Return the ``{name}`` placeholders of a text (raises ValueError on a stray brace)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text)
            if name is not None}


def primary(language: str) -> str:
    """Return a BCP 47 tag's primary subtag in lower case: ``de-AT`` → ``de``."""
    return (language or DEFAULT).replace("_", "-").split("-")[0].lower()


def known(language: str) -> bool:
    """True when deckgen has a catalogue for the language's primary subtag."""
    return primary(language) in CATALOGUES


def unknown_language_warning(language: str) -> str:
    """Return the warning for a language deckgen has no words for (the text users see)."""
    return (f"language '{language}' has no built-in labels; deckgen's own words (slide "
            "titles such as 'Key judgements', 'Page 3 of 7') are in English; languages with "
            f"labels: {', '.join(sorted(CATALOGUES))}; 'labels:' can set any of them")


class Labels:
    """The built-in words of one content file: a catalogue with the file's overrides.

    ``labels("page", n=3, total=7)`` returns ``Page 3 of 7`` (in the
    catalogue's language); ``labels["bluf"]`` the raw text.
    """

    def __init__(self, language: str, texts: dict[str, str]) -> None:
        self.language = language
        self.texts = texts

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def __call__(self, key: str, **values) -> str:
        """Return the text of ``key`` with its placeholders filled in."""
        return self.texts[key].format_map(_Blank(values))

    def colon(self, label: str, text: str = "") -> str:
        """Return ``Answer: B`` (``Réponse : B`` in French); with no text, ``Answer:``."""
        return self("colon", label=label, text=text).rstrip()

    def points(self, p: float, fmt=str) -> str:
        """Return ``1 point`` or ``2.5 points`` (``fmt`` writes the number)."""
        return self("point_one" if p == 1 else "point_other", n=fmt(p))

    def parts(self, key: str) -> list[tuple[str, str]]:
        """Return a text as (literal, placeholder) pairs, in order: for fields built around it.

        ``Page {n} of {total}`` gives ``[("Page ", "n"), (" of ", "total")]``;
        the last pair's placeholder may be ``""`` (literal text after it).
        """
        return [(lit, name or "") for lit, name, _s, _c in string.Formatter().parse(self.texts[key])]

    def date(self, date: str) -> str:
        """Return ``2024-10-18`` as the language writes it (``18 October 2024``, ``18. Oktober 2024``)."""
        if not date:
            return ""
        parts = date.split("-")
        if len(parts) == 1:
            return parts[0]
        month = self.texts[f"month_{int(parts[1])}"]
        if len(parts) == 2:
            return self("date_month", month=month, year=parts[0])
        return self("date_day", day=int(parts[2]), month=month, year=parts[0])

    def yardstick(self, name: str) -> str:
        """Return the title of a yardstick (``UK Probability Yardstick``)."""
        return self.texts[f"yardstick_{name}"]

    def block(self, name: str) -> str:
        """Return a block's title (``Key judgements``)."""
        return self.texts[name]


class _Blank(dict):
    """Placeholders an override left out are simply not there."""

    def __missing__(self, key):
        return ""


@lru_cache(maxsize=64)
def resolve(language: str = "en-GB", overrides: tuple[tuple[str, str], ...] = ()) -> Labels:
    """Return the labels for a language (English when unknown) with the overrides applied."""
    code = primary(language)
    texts = dict(EN)
    texts.update(CATALOGUES.get(code, {}))
    texts.update(dict(overrides))
    return Labels(code if code in CATALOGUES else DEFAULT, texts)


ENGLISH = resolve("en")


def for_content(content) -> Labels:
    """Return the labels of a :class:`~deckgen.content.model.Content`: its language, its overrides."""
    return resolve(content.language, content.labels)


def close_keys(key: str, n: int = 3) -> list[str]:
    """Return up to ``n`` catalogue keys that look like ``key``."""
    return difflib.get_close_matches(key.lower(), list(EN), n=n, cutoff=0.5)


def check_override(key: str, text: str) -> str:
    """Return what is wrong with an override (``''`` when nothing): placeholders it may not use."""
    try:
        used = placeholders(text)
    except ValueError:
        return ("found a '{' or '}' that is not a placeholder; allowed: "
                + _allowed_names(key) + " (write a brace as '{{' or '}}')")
    extra = sorted(used - placeholders(EN[key]))
    if extra:
        return f"found the placeholder '{{{extra[0]}}}'; allowed: " + _allowed_names(key)
    return ""


def _allowed_names(key: str) -> str:
    names = sorted(placeholders(EN[key]))
    if not names:
        return "plain text (this label has no placeholders)"
    return "the placeholders " + ", ".join(f"'{{{n}}}'" for n in names)


# -- the ``labels:`` key ------------------------------------------------------------------

class LabelText(Text):
    """An override of one label: text using only the placeholders of the English text."""

    def __init__(self, key: str) -> None:
        self.key = key

    def convert(self, node, ctx, path):
        value = super().convert(node, ctx, path)
        if value is INVALID:
            return INVALID
        problem = check_override(self.key, value)
        return ctx.error(node, path, problem) if problem else value


class LabelsRecord(Record):
    """``labels: {key: text}``: an unknown key names the close ones, not all of them."""

    def convert(self, node, ctx, path):
        if node.kind != "map":
            return ctx.wrong(node, path, "a mapping of label keys to text, such as "
                                         "'bluf: Bottom line'")
        values, bad = [], False
        for key, child in node.items:
            name = key.text
            kpath = f"{path}.{name}"
            spec = self.fields.get(name)
            if spec is None:
                near = close_keys(name)
                such = f" such as {one_of(near)}" if near else ""
                ctx.error(key, kpath, f"unknown label '{name}'; allowed: a label key{such} "
                          "(every key is in the content reference, under 'labels')",
                          did_you_mean(name, EN))
                bad = True
                continue
            if child.is_null:
                continue
            value = spec.type.convert(child, ctx, kpath)
            if value is INVALID:
                bad = True
            else:
                values.append((name, value))
        return INVALID if bad else tuple(values)


LABELS = LabelsRecord("labels", tuple, {
    key: Field(LabelText(key), f"English: {text}", example=f'"{DE[key]}"')
    for key, text in EN.items()
}, doc="deckgen's own words — slide titles, the footer's 'Source:', 'Page 3 of 7', quiz "
   "and handout wording, alt text — in the file's language (English, German, French, "
   "Spanish and Korean are built in; `language` picks them). A key here replaces one of "
   "them; `{n}`-style placeholders are filled in, and an override may use those of the "
   "English text, in any order. The examples are the German words. The likelihood words "
   "of the yardstick are never translated.")
