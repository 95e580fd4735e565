package io.firstbyte.app.wiring;

import io.firstbyte.app.call.RecentTraces;
import io.firstbyte.app.records.CallRecordStore;
import io.firstbyte.app.security.ConsoleSession;
import io.firstbyte.app.web.console.CallChangeStream;
import io.firstbyte.app.web.console.ConsolePages;
import io.firstbyte.app.web.records.CallRecordsHandler;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/** The operator console at {@code /console}: its pages, sign-in, live stream of call changes and call records. */
@Configuration(proxyBeanMethods = false)
public class ConsoleWiring {

    @Bean
    CallChangeStream callChangeStream(RecentTraces traces,
                                      // a comment this often keeps an idle console stream open and finds closed ones
                                      @Value("${firstbyte.console.heartbeat:15s}") Duration heartbeat,
                                      // changes a console stream holds for a browser that does not keep up (the oldest go first)
                                      @Value("${firstbyte.console.stream-buffer:256}") int buffer,
                                      // console streams one instance serves at once
                                      @Value("${firstbyte.console.max-streams:32}") int maxStreams) {
        return new CallChangeStream(traces, Schedulers.parallel(), heartbeat, buffer, maxStreams);
    }

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(ConsoleSession consoleSession, CallChangeStream callChangeStream,
                                                 CallRecordStore callRecordStore) {
        return new ConsolePages(consoleSession, callChangeStream, new CallRecordsHandler(callRecordStore)).routes();
    }
}
