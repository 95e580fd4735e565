package io.firstbyte.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FirstbyteApplication {
    public static void main(String[] args) {
        SpringApplication.run(FirstbyteApplication.class, args);
    }
}
