// How long a written reason must be (a change of the proposal, a complaint and its
// resolution, a cancellation). Shared by the domain and the forms' hints.
export const MIN_REASON_CHARS = 10;
export const MAX_REASON_CHARS = 4000;
