package io.firstbyte.app.agent;

import io.firstbyte.pipeline.control.LimitWords;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a caller hears when a limit ends the call (its maximum length, the server's drain), in the business's
 * language, like {@link SilenceWordsByLanguage}: only the primary language counts, so {@code de-AT} speaks German.
 * German, French, Spanish, Italian, Portuguese and Dutch have their own words; English, any other language and
 * a business without one hear the English words of {@code CallLimit}.
 */
public final class LimitWordsByLanguage {

    private static final Map<String, LimitWords> TRANSLATED = Map.of(
            "de", new LimitWords("Wir haben die maximale Gesprächsdauer erreicht, deshalb muss ich mich jetzt verabschieden.",
                    "Es tut mir leid, ich muss unser Gespräch jetzt wegen Wartungsarbeiten beenden. Bitte rufen Sie in einer "
                            + "Minute wieder an. Auf Wiederhören."),
            "fr", new LimitWords("Nous avons atteint la durée maximale d'un appel, je dois donc vous dire au revoir.",
                    "Je suis désolé, je dois mettre fin à notre appel pour une maintenance. Merci de rappeler dans une minute. "
                            + "Au revoir."),
            "es", new LimitWords("Hemos llegado a la duración máxima de una llamada, así que tengo que despedirme.",
                    "Lo siento, tengo que terminar la llamada por mantenimiento. Por favor, vuelva a llamar en un minuto. Adiós."),
            "it", new LimitWords("Abbiamo raggiunto la durata massima di una chiamata, quindi devo salutarla.",
                    "Mi dispiace, devo chiudere la chiamata per manutenzione. Richiami tra un minuto, per favore. Arrivederci."),
            "pt", new LimitWords("Chegámos à duração máxima de uma chamada, por isso tenho de me despedir.",
                    "Lamento, tenho de terminar a chamada para manutenção. Por favor, ligue de novo daqui a um minuto. Adeus."),
            "nl", new LimitWords("We hebben de maximale duur van een gesprek bereikt, dus ik moet nu afscheid nemen.",
                    "Het spijt me, ik moet ons gesprek nu beëindigen voor onderhoud. Belt u over een minuut terug. Tot ziens."));

    private LimitWordsByLanguage() {
    }

    /** The words for a business speaking {@code languageTag}; empty when it hears the English ones. */
    public static Optional<LimitWords> forLanguage(@Nullable String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(TRANSLATED.get(languageTag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT)));
    }
}
