package io.firstbyte.adapters.sim.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtteranceParserTest {

    /** A Monday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            a haircut today please;                2026-11-23
            I'd like to come in tomorrow;          2026-11-24
            the day after tomorrow;                2026-11-25
            anything on Friday?;                   2026-11-27
            next monday;                           2026-11-30
            is the 25th possible;                  2026-11-25
            the 5th;                               2026-12-05
            on the 23rd;                           2026-11-23
            November 30th;                         2026-11-30
            the 2nd of february;                   2027-02-02
            2026-11-25 works;                      2026-11-25
            """)
    void readsTheDayRelativeToTheSalonsToday(String text, LocalDate expected) {
        assertThat(parse(text).date()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            at 10 am;                   10:00
            10am please;                10:00
            around 10 a.m.;             10:00
            3:30 pm;                    15:30
            3:30 PM;                    15:30
            12 pm;                      12:00
            Do you have anything at 10:30?; 10:30
            14:00 would be good;        14:00
            at noon;                    12:00
            how about at 3;             15:00
            at 9 if possible;           09:00
            """)
    void readsTheTimeOfDay(String text, LocalTime expected) {
        assertThat(parse(text).time()).isEqualTo(expected);
    }

    @Test
    void ordinalDaysAndIsoDatesAreNotTakenForTimes() {
        assertThat(parse("the 25th").time()).isNull();
        assertThat(parse("2026-11-25").time()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            Hi, I'd like to book a haircut tomorrow please.; Haircut
            Could I get my hair cut?;                        Haircut
            what do you have for a colour;                   Colour
            I want to color my hair;                         Colour
            just a beard trim;                               Beard trim
            a blow dry on Friday;                            Blow-dry
            a blow-dry please;                               Blow-dry
            """)
    void readsTheServiceWhateverTheCallerCallsIt(String text, String service) {
        assertThat(parse(text).service()).isEqualTo(service);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            My name is Sam Taylor.;                       Sam Taylor
            my name is sam taylor and I'd like a haircut; Sam Taylor
            It's Sam.;                                    Sam
            This is Priya Patel speaking;                 Priya Patel
            The name is O'Neill;                          O'Neill
            """)
    void readsTheCallersName(String text, String name) {
        assertThat(parse(text).name()).isEqualTo(name);
    }

    @Test
    void weakNameCuesNeedACapitalisedName() {
        assertThat(parse("it's for a haircut").name()).isNull();
        assertThat(parse("It's Friday I was thinking of").name()).isNull();
        assertThat(parse("I'm looking for a haircut").name()).isNull();
    }

    @Test
    void aBareNameCountsOnlyAsAnAnswerToTheNameQuestion() {
        assertThat(UtteranceParser.parse("Sam Taylor.", TODAY, true).name()).isEqualTo("Sam Taylor");
        assertThat(UtteranceParser.parse("Sure, Sam.", TODAY, true).name()).isEqualTo("Sam");
        assertThat(UtteranceParser.parse("Sam Taylor.", TODAY, false).name()).isNull();
        assertThat(UtteranceParser.parse("No, that's all.", TODAY, true).name()).isNull();
    }

    @Test
    void staffAreRecognisedWhenAskedForNotWhenTheyAreTheCallersName() {
        assertThat(parse("Is there anything with Carla?").staff()).isEqualTo("Carla");
        assertThat(parse("can I see ben tomorrow").staff()).isEqualTo("Ben");
        assertThat(parse("My name is Anna Smith").staff()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            Hi, I'd like to book a haircut tomorrow please.;  BOOK
            Can I make an appointment?;                       BOOK
            What times do you have free on Friday?;           AVAILABILITY
            Do you have anything at 10:30?;                   AVAILABILITY
            I need to cancel my appointment.;                 CANCEL
            The booking reference is BK-1042.;                none
            My name is Sam Taylor.;                           none
            """)
    void readsWhatTheCallerWants(String text, Intent intent) {
        assertThat(parse(text).intent()).isEqualTo(intent);
    }

    @Test
    void readsTheBookingReference() {
        assertThat(parse("The booking reference is BK-1042.").bookingId()).isEqualTo("BK-1042");
        assertThat(parse("please cancel booking 42").bookingId()).isEqualTo("42");
        assertThat(parse("I'd like to book a haircut").bookingId()).isNull();
    }

    @Test
    void recognisesGoodbyeAndYes() {
        assertThat(parse("No, that's all. Thank you!").goodbye()).isTrue();
        assertThat(parse("Okay, thanks. That's all, goodbye!").goodbye()).isTrue();
        assertThat(parse("Do you have anything at 10:30?").goodbye()).isFalse();
        assertThat(parse("Yes please").yes()).isTrue();
        assertThat(parse("Is there anything else").yes()).isFalse();
    }

    private static Heard parse(String text) {
        return UtteranceParser.parse(text, TODAY, false);
    }
}
