/**
 * Where a rule's page is published, from the documentation base the package declares
 * (`sysctlLint.ruleDocsUrl` in package.json); no base, no link.
 */
export function ruleDocUrl(base: string, ruleId: string): string | undefined {
  return base ? `${base}${ruleId}.md` : undefined;
}

/** A rule page without its HTML comments (notes for the tests), as shown to users. */
export function publishedRulePage(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->\n*/g, '');
}

/** The page as plain text, for consumers that do not render markdown (SARIF `help.text`). */
export function rulePageText(markdown: string): string {
  return publishedRulePage(markdown)
    .split('\n')
    .filter((line) => !line.startsWith('```'))
    .map((line) =>
      line
        .replace(/^#+\s+/, '')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\*\*([^*]*)\*\*/g, '$1'),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
