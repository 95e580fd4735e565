package io.firstbyte.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

@SpringBootApplication
public class FirstbyteApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(FirstbyteApplication.class);
        application.addListeners(new ProcessedContextChoice());
        // -Dfirstbyte.startup.jfr=true with -XX:StartFlightRecording: Spring's start-up steps (bean creation,
        // configuration parsing) as JFR events beside the samples, to see what a start spends its time on.
        if (Boolean.getBoolean("firstbyte.startup.jfr")) {
            application.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        application.run(args);
    }
}
