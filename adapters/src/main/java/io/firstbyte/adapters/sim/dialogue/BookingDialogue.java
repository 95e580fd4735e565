package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.llm.ModelRequest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A small, deterministic booking receptionist: a pure function from the conversation (and the
 * tools offered) to the next reply. It gathers service, day, time and name across everything the
 * caller said, asks for what is missing one thing at a time, and calls the booking tools only
 * when they are offered; without them it never claims availability.
 */
public final class BookingDialogue {

    public static final String GREETING = "Hello, thanks for calling. How can I help you today?";
    static final String GOODBYE = "Thank you for calling. Have a lovely day, goodbye!";
    static final String OFFER_HELP = "I can book, check or cancel an appointment for you. What would you like to do?";
    static final String TROUBLE =
            "I'm sorry, I'm having trouble with the calendar right now. Could you try again in a moment?";
    static final String WHICH_SERVICE = "a haircut, a colour, a beard trim or a blow-dry";
    static final String ASK_NAME = "May I have your name, please?";
    private static final String CHECKING = "Let me check that for you.";
    /** How the receptionist offers other times; a plain yes after it takes the first one. */
    static final String COULD_DO = "I could do";
    static final int ALTERNATIVES_OFFERED = 3;

    private final DialogueState state;
    private final Toolbox tools;
    private final ToolAnswers answers;
    private final LocalDate today;

    private BookingDialogue(DialogueState state, Toolbox tools, LocalDate today) {
        this.state = state;
        this.tools = tools;
        this.answers = new ToolAnswers(today);
        this.today = today;
    }

    /** The reply to {@code request}, with {@code today} being the salon's date. */
    public static Reply reply(ModelRequest request, LocalDate today) {
        DialogueState state = DialogueState.of(request.messages(), today);
        Toolbox tools = new Toolbox(request.tools(), request.call(), state.callIdsUsed());
        Reply reply = new BookingDialogue(state, tools, today).next();
        return state.repeats(reply.toolCall()) ? Reply.say(TROUBLE) : reply;
    }

    private Reply next() {
        if (!state.callerSpoke()) {
            return Reply.say(GREETING);
        }
        DialogueState.Step step = state.lastStep();
        if (step != null) {
            return afterTool(step);
        }
        return state.goodbye() ? Reply.say(GOODBYE) : pursue();
    }

    private Reply afterTool(DialogueState.Step step) {
        return switch (step.outcome()) {
            case ToolOutcome.Failed failed -> Reply.say(answers.failed(step.call().name()));
            case ToolOutcome.Booked booked -> Reply.say(answers.booked(booked, step.call()));
            case ToolOutcome.Conflict conflict -> Reply.say(answers.conflict(conflict, step.call()));
            case ToolOutcome.Cancelled cancelled -> Reply.say(answers.cancelled(cancelled, step.call()));
            case ToolOutcome.Availability found when step.call().name().equals(Toolbox.FIND_NEXT_AVAILABLE) ->
                    Reply.say(answers.nextOpening(found, step.call()));
            case ToolOutcome.Availability found -> nothingFree() ? lookFurther() : pursue();
        };
    }

    private Reply pursue() {
        Draft draft = state.draft();
        Intent goal = draft.goal();
        if (goal == null) {
            return Reply.say(state.finishedSomething() ? ToolAnswers.ANYTHING_ELSE : OFFER_HELP);
        }
        return switch (goal) {
            case CANCEL -> cancel(draft);
            case AVAILABILITY -> availability(draft);
            case BOOK -> book(draft);
        };
    }

    private Reply book(Draft draft) {
        if (draft.service() == null) {
            return Reply.say("Sure. Which service would you like: " + WHICH_SERVICE + "?");
        }
        if (draft.date() == null) {
            return Reply.say("What day would you like to come in for " + Spoken.service(draft.service()) + "?");
        }
        KnownDay known = state.knownDay();
        LocalDateTime start = draft.start();
        if (start == null) {
            return known != null ? Reply.say(offer(draft, known, "Which time suits you?"))
                    : check(draft, "What time would suit you?");
        }
        return bookAt(draft, start, known);
    }

    /** Service, day and time are known: make sure the time is free, get the name, book. */
    private Reply bookAt(Draft draft, LocalDateTime start, @Nullable KnownDay known) {
        Optional<Slot> free = known == null || state.taken(start) ? Optional.empty() : known.free(start, draft.staff());
        if ((known != null || state.taken(start)) && free.isEmpty()) {
            return Reply.say(notFree(draft, start, known));
        }
        if (draft.name() == null) {
            return free.map(slot -> Reply.say("Good news: " + Spoken.slot(slot, today) + " is free. " + ASK_NAME))
                    .orElseGet(() -> check(draft, ASK_NAME));
        }
        if (!tools.has(Toolbox.CREATE_BOOKING)) {
            return Reply.say("Thank you, " + draft.name() + ". I can't reach the calendar right now, so I can't confirm "
                    + Spoken.service(draft.service()) + " " + Spoken.day(draft.date(), today) + " at "
                    + Spoken.time(start.toLocalTime()) + " yet. Could you call back a little later?");
        }
        String staff = free.map(Slot::staff).orElse(draft.staff());
        return Reply.call("Let me book that for you.",
                tools.createBooking(draft.service(), start, draft.name(), staff));
    }

    private Reply availability(Draft draft) {
        if (draft.service() == null) {
            return Reply.say("Happy to check. Which service is it for: " + WHICH_SERVICE + "?");
        }
        if (draft.date() == null) {
            return Reply.say("Which day would you like me to check?");
        }
        KnownDay known = state.knownDay();
        return known != null ? Reply.say(offer(draft, known, "Would you like me to book one of them?"))
                : check(draft, "I'm sorry, I can't see the calendar right now, so I can't tell you what's free. "
                        + "Could you try again a little later?");
    }

    private Reply cancel(Draft draft) {
        if (draft.bookingId() == null) {
            return Reply.say("Of course. What's your booking reference?");
        }
        return tools.has(Toolbox.CANCEL_BOOKING)
                ? Reply.call("Let me cancel that for you.", tools.cancelBooking(draft.bookingId()))
                : Reply.say("I'm sorry, I can't reach the booking system right now, so I can't cancel it yet. "
                        + "Could you try again a little later?");
    }

    private Reply check(Draft draft, String withoutCalendar) {
        return tools.has(Toolbox.CHECK_AVAILABILITY)
                ? Reply.call(CHECKING, tools.checkAvailability(draft.service(), draft.date(), draft.staff()))
                : Reply.say(withoutCalendar);
    }

    /** The day just checked has nothing for the caller, and the calendar can search further. */
    private boolean nothingFree() {
        KnownDay known = state.knownDay();
        return known != null && state.openSlots(known).isEmpty() && tools.has(Toolbox.FIND_NEXT_AVAILABLE);
    }

    private Reply lookFurther() {
        Draft draft = state.draft();
        String preamble = "There's nothing free " + Spoken.day(draft.date(), today) + Spoken.with(draft.staff())
                + ". Let me find the next opening.";
        return Reply.call(preamble, tools.findNextAvailable(draft.service(), draft.date().plusDays(1).atStartOfDay()));
    }

    private String offer(Draft draft, KnownDay known, String question) {
        List<Slot> slots = KnownDay.choices(state.openSlots(known), null, 3);
        String day = Spoken.day(draft.date(), today);
        if (slots.isEmpty()) {
            return "I'm sorry, there's nothing free " + day + Spoken.with(draft.staff())
                    + ". Would another day suit you?";
        }
        return Spoken.capitalised(day) + " I have " + Spoken.times(slots) + ". " + question;
    }

    private String notFree(Draft draft, LocalDateTime start, @Nullable KnownDay known) {
        String sorry = "I'm sorry, " + Spoken.time(start.toLocalTime()) + " " + Spoken.day(draft.date(), today)
                + " isn't free";
        List<Slot> others = known == null ? List.of() : state.openSlots(known);
        return others.isEmpty() ? sorry + ". Would another day or time suit you?"
                : sorry + ". " + COULD_DO + " " + Spoken.times(KnownDay.choices(others, start, ALTERNATIVES_OFFERED))
                        + ". Would one of those work?";
    }
}
