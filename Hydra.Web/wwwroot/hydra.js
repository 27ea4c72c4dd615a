// Hydra's few browser-side helpers. Everything else is Blazor on the server.

// A counting-house screen must come back by itself after a network drop or a Web restart: keep
// retrying the circuit forever (1 s at first, then every 5 s) instead of giving up after a few
// tries. When Web restarted, the server refuses the old circuit and Blazor reloads the page.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 1000000,
            retryIntervalMilliseconds: previousAttempts => previousAttempts < 5 ? 1000 : 5000,
        },
    },
});

window.hydra = {
    // Hidden plots are remembered per browser, not per person: the counting-house screen and an
    // expert's laptop each keep their own.
    hiddenPlots: () => {
        try {
            const names = JSON.parse(localStorage.getItem("hydra.hiddenPlots") ?? "[]");
            return Array.isArray(names) ? names.filter(n => typeof n === "string") : [];
        } catch { return []; }
    },
    setHiddenPlots: names => localStorage.setItem("hydra.hiddenPlots", JSON.stringify(names)),
    load: key => localStorage.getItem("hydra." + key),
    save: (key, value) => localStorage.setItem("hydra." + key, value),

    // Copies a share link; false when the page is not allowed to (plain http), so the caller shows it instead.
    // A browser may also leave the promise pending (no permission prompt in a kiosk), hence the timeout.
    copyText: async text => {
        try {
            const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1000));
            await Promise.race([navigator.clipboard.writeText(text), timeout]);
            return true;
        } catch { return false; }
    },

    // A short two-tone chime for a new alarm. Browsers allow sound only after a click on the page,
    // which is what switching the sound on is.
    chime: () => {
        const audio = new AudioContext();
        [880, 660].forEach((frequency, i) => {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.25, audio.currentTime + i * 0.35);
            gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(audio.currentTime + i * 0.35);
            oscillator.stop(audio.currentTime + i * 0.35 + 0.32);
        });
        return true;
    },

    // Where two mouse x positions (client coordinates) fall across an element, as fractions of its width.
    fractions: (element, x1, x2) => {
        const box = element.getBoundingClientRect();
        return [x1, x2].map(x => box.width > 0 ? (x - box.left) / box.width : 0);
    },

    fullscreen: () => document.documentElement.requestFullscreen?.().catch(() => { }),
};
