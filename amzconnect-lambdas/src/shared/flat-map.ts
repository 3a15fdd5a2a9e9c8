/** What a function returns to a contact flow: Connect accepts only a flat map of strings. */
export type FlatStringMap = Readonly<Record<string, string>>;
