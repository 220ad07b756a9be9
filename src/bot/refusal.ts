/** Thrown by a handler to answer the user with `message` and stop; the bot's catch says it. */
export class Refusal extends Error {}
