// The usual route through each mystery that declares one: the passages a player goes through,
// by links and forms, from the story's start passage (not listed) to an ending, and the clues
// that route finds, in order. Shared by the jsdom route test and the chromium test; a mystery
// without an entry here is played by the shortest route to an ending (tests/browser).

/** "The Case of the 50ms Request": the six clues, in the order of the usual route (the seed README). */
const FIFTY_MS_CLUES = [
  "The HTTP request takes about 50ms on average.",
  "curl is much faster: it takes less than 18ms to make the request",
  "The server is only 0.5ms away",
  "strace shows it took 41ms to receive a response",
  "The client spends 41ms waiting for the server to send an ACK packet",
  "The server spends 40ms waiting for the client to finish the POST request",
];

/** The usual route after Start: each step is a passage reached by a link or a form on the page before. */
const FIFTY_MS_ROUTE = [
  "Landing", "Reproduce", "Code", "Reproduce", "Client",
  "Run slow.js", "Client",
  "curl", "curl 2", "curl 3", "Client",
  "ping", "ping 2", "Client",
  "strace", "strace interpretation", "strace interpretation 2", "strace 3", "Client",
  "tcpdump", "tcpdump 2", "tcpdump 3", "termshark interpretation", "termshark 3", "Client",
  "termshark", "termshark interpretation", "termshark 3", "Client",
  "Run slow.js", "Client", "Reproduce",
  "Server", "top", "top 2", "Server",
  "strace server", "strace server 2", "strace server 3", "strace server 4", "strace server 5",
  "strace server 6", "strace server 7", "Server", "Reproduce",
  "diagnosis", "nagle", "What to do", "how fix", "disable delayed ACKs", "how fix",
  "disable nagle", "win", "Epilogue",
];

/** "The Case of the Pool That Ran Dry": its clues, in the order of the usual route. */
const POOL_CLUES = [
  "Requests that need the database wait 30 s and then fail; the health check answers in 3 ms.",
  "The failing requests waited 30 s for a free connection from a pool of 5 + 10 overflow.",
  "The app has all 15 of its allowed connections open to Postgres.",
  "No thread is using any of the 15 checked-out connections; 19 threads are waiting for one.",
  "All 15 of the app's Postgres sessions are idle in transaction.",
  "The 15 transactions began 5 minutes apart, and each stopped fetching from its cursor about a minute in.",
  "Copperleaf's sync downloads the CSV export every 5 minutes and hangs up after 60 s, partway through.",
  "Every five minutes, one connection leaves the pool and never comes back.",
];

/** Its usual route after Start: every tool on the app server, then the database, then the fix. */
const POOL_ROUTE = [
  "On call", "App server",
  "curl", "curl 2", "App server",
  "Error log", "Error log 2", "App server",
  "ss", "ss 2", "App server",
  "py-spy", "py-spy 2", "py-spy 3", "App server", "On call",
  "Database", "pg_stat_activity", "pg_stat_activity 2", "pg_stat_activity 3", "Database", "On call",
  "App server", "Access log", "Access log 2", "App server",
  "Pool log", "Pool log 2", "App server", "On call",
  "Recent changes", "On call",
  "Diagnosis", "What happened", "Fixes",
  "Bigger pool", "Fixes", "Idle timeout", "Fixes",
  "Close the session", "Win", "Epilogue",
];

/** Mystery → its usual route: the passages after the start passage, the last one an ending. */
export const usualRoutes: Record<string, string[]> = {
  "50ms-request": FIFTY_MS_ROUTE,
  "pool-that-ran-dry": POOL_ROUTE,
};

/** Mystery → the clues its usual route finds, in the order their boxes announce them. */
export const usualClues: Record<string, string[]> = {
  "50ms-request": FIFTY_MS_CLUES,
  "pool-that-ran-dry": POOL_CLUES,
};
