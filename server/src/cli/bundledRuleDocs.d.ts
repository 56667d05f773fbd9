/** docs/rules/<rule-id>.md by rule id, read at build time (scripts/lib/bundles.mjs). */
declare module 'sysctl-rule-docs' {
  const pages: Readonly<Record<string, string>>;
  export default pages;
}
