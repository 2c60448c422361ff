export const RULE_DOCS: Readonly<Record<string, string>> = {};
