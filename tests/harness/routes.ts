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

/** Mystery → its usual route: the passages after the start passage, the last one an ending. */
export const usualRoutes: Record<string, string[]> = {
  "50ms-request": FIFTY_MS_ROUTE,
};

/** Mystery → the clues its usual route finds, in the order their boxes announce them. */
export const usualClues: Record<string, string[]> = {
  "50ms-request": FIFTY_MS_CLUES,
};
