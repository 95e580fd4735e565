package io.firstbyte.app.agent;

import io.firstbyte.pipeline.control.SilenceWords;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a silent caller hears, in the business's language (its {@code language} setting, a BCP 47 tag;
 * only the primary language counts, so {@code de-AT} speaks German). English is the configured words
 * ({@code FIRSTBYTE_CALL_SILENCE_PROMPT}, {@code FIRSTBYTE_CALL_SILENCE_GOODBYE}); German, French, Spanish,
 * Italian, Portuguese and Dutch have their own; any other language, or none, keeps the configured words.
 */
public final class SilenceWordsByLanguage {

    private static final Map<String, SilenceWords> TRANSLATED = Map.of(
            "de", new SilenceWords("Sind Sie noch da?",
                    "Ich kann niemanden in der Leitung hören, deshalb beende ich den Anruf jetzt. Auf Wiederhören."),
            "fr", new SilenceWords("Êtes-vous toujours là ?",
                    "Je n'entends personne sur la ligne, je vais donc mettre fin à l'appel. Au revoir."),
            "es", new SilenceWords("¿Sigue ahí?",
                    "No oigo a nadie en la línea, así que voy a terminar la llamada. Adiós."),
            "it", new SilenceWords("È ancora in linea?",
                    "Non sento nessuno sulla linea, quindi chiudo la chiamata. Arrivederci."),
            "pt", new SilenceWords("Ainda está aí?",
                    "Não ouço ninguém na linha, por isso vou encerrar a chamada. Adeus."),
            "nl", new SilenceWords("Bent u er nog?",
                    "Ik hoor niemand aan de lijn, dus ik beëindig het gesprek nu. Tot ziens."));

    private final SilenceWords english;

    /** @param english the configured words, said in English and in every language without its own */
    public SilenceWordsByLanguage(SilenceWords english) {
        this.english = english;
    }

    /** The words for a business speaking {@code languageTag}; empty when it keeps the configured ones. */
    public Optional<SilenceWords> forLanguage(@Nullable String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return Optional.empty();
        }
        String primary = languageTag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.equals("en") ? Optional.of(english) : Optional.ofNullable(TRANSLATED.get(primary));
    }
}
