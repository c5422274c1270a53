// The Signals page: asks every two seconds for the requests that finished since the newest row shown and puts them
// on top, replacing a row that was still running. Paused while the tab is hidden. No inline script: CSP-friendly.
(function () {
    "use strict";
    const list = document.getElementById("signal-requests");
    if (!list) {
        return;
    }

    const status = document.getElementById("live-status");
    const newest = () => Math.max(0, ...Array.from(list.querySelectorAll("[data-finished]"), row => Number(row.dataset.finished)));

    async function refresh() {
        if (document.hidden) {
            return;
        }

        try {
            const response = await fetch(`${list.dataset.rowsUrl}&after=${newest()}`, { headers: { Accept: "text/html" } });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }

            const template = document.createElement("template");
            template.innerHTML = await response.text();
            const rows = Array.from(template.content.querySelectorAll("details.signal-request")).reverse();
            for (const row of rows) {
                const old = document.getElementById(row.id);
                if (old) {
                    row.open = old.open;
                    old.remove();
                }

                list.prepend(row);
            }

            if (rows.length > 0) {
                document.getElementById("no-requests")?.remove();
            }

            status.textContent = "New requests appear here as they finish.";
        } catch (error) {
            status.textContent = `Updates paused: ${error.message}`;
        }
    }

    setInterval(refresh, 2000);
})();
