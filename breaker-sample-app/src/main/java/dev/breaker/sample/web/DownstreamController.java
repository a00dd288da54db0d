package dev.breaker.sample.web;

import dev.breaker.sample.downstream.Behaviour;
import dev.breaker.sample.downstream.FlakyDownstream;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Switches the flaky downstream's behaviour from the app's own port, for the walkthrough. */
@RestController
public class DownstreamController {

    private final FlakyDownstream downstream;

    public DownstreamController(FlakyDownstream downstream) {
        this.downstream = downstream;
    }

    @GetMapping("/downstream")
    public Map<String, Behaviour> behaviours() {
        return downstream.behaviours();
    }

    @PostMapping("/downstream/{service}")
    public Map<String, Behaviour> behave(@PathVariable String service,
            @RequestParam(defaultValue = "0") double failureRate, @RequestParam(defaultValue = "0") long latencyMillis) {
        downstream.behave(service, new Behaviour(failureRate, latencyMillis));
        return downstream.behaviours();
    }
}
