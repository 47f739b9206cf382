//! Words in every script the paper is written in: a reader finds a word however it was typed
//! (diacritics or not, letter variants, local digits), and a word stays whole.

use meridian_core::search::{normalize, text_matches, words};

fn found(body: &str, query: &str) -> bool {
    text_matches(body, &words(query), false)
}

#[test]
fn arabic_without_diacritics_tatweel_or_letter_variants() {
    // "the library" with harakat, and with a tatweel; the bare form finds both.
    assert_eq!(words("الْمَكْتَبَةُ"), words("المكتبة"));
    assert_eq!(normalize("مـــكتبة"), normalize("مكتبة"));
    assert!(found("زار الوزير الْمَكْتَبَةَ الوطنية", "المكتبة"));
    assert!(found("زار الوزير المكتبة الوطنية", "الْمَكْتَبَةُ"));
    // Alef with hamza or madda, alef maksura, teh marbuta.
    assert_eq!(normalize("أحمد"), normalize("احمد"));
    assert_eq!(normalize("إسلام"), normalize("اسلام"));
    assert_eq!(normalize("آخر"), normalize("اخر"));
    assert_eq!(normalize("مستشفى"), normalize("مستشفي"));
    assert_eq!(normalize("مدرسة"), normalize("مدرسه"));
    // A word with harakat is one word, not letters split by marks.
    assert_eq!(words("كَتَبَ الطالبُ").len(), 2);
}

#[test]
fn persian_kaf_yeh_zwnj_and_digits() {
    // Persian keheh and yeh against the Arabic letters.
    assert_eq!(normalize("کتاب"), normalize("كتاب"));
    assert_eq!(normalize("ایران"), normalize("ايران"));
    // A word written with a zero-width non-joiner stays one word.
    assert_eq!(words("می‌خواهم بروم").len(), 2);
    assert_eq!(words("می‌خواهم"), words("میخواهم"));
    // Persian and Arabic-Indic digits are digits.
    assert_eq!(normalize("۱۴۰۳"), "1403");
    assert_eq!(normalize("٢٠٢٦"), "2026");
    assert!(found("در سال ۱۴۰۳ خورشیدی", "1403"));
}

#[test]
fn greek_tonos_dialytika_and_final_sigma() {
    assert_eq!(normalize("Αθήνα"), normalize("ΑΘΗΝΑ"));
    assert_eq!(normalize("Αθήνα"), "αθηνα");
    assert_eq!(normalize("ευρωπαϊκός"), normalize("ΕΥΡΩΠΑΙΚΟΣ"));
    assert!(found("Η Βουλή των Ελλήνων ψήφισε", "ελληνων"));
    assert!(found("Ο ΠΡΟΕΔΡΟΣ ΜΙΛΗΣΕ", "πρόεδρος"));
}

#[test]
fn cyrillic_case_and_yo() {
    assert_eq!(normalize("Київ"), "київ");
    assert_eq!(normalize("ёлка"), normalize("елка"));
    assert!(found("Верховна Рада ухвалила бюджет", "рада"));
    // Ukrainian letters stay themselves.
    assert_ne!(normalize("ї"), normalize("і"));
}

#[test]
fn turkish_dotted_and_dotless_i_and_german_sharp_s() {
    assert_eq!(normalize("İstanbul"), "istanbul");
    assert_eq!(normalize("ILIK ılık"), "ilik ilik");
    assert_eq!(normalize("Straße"), normalize("STRASSE"));
    assert!(found("Die Hauptstraße ist gesperrt", "hauptstrasse"));
}

#[test]
fn combining_accents_fold_like_precomposed_ones() {
    // "é" as e + U+0301.
    assert_eq!(normalize("cafe\u{301}"), normalize("café"));
    assert_eq!(words("cafe\u{301} noir"), ["cafe", "noir"]);
}
