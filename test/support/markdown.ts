/** Reading the Markdown the tool writes, in tests. */

/**
 * The text with every code span taken out, as CommonMark finds them: a run of n backticks opens
 * one, the next run of exactly n on the line closes it. What is left is what a renderer reads as
 * markup; inside a code span everything is text.
 */
export function withoutCodeSpans(text: string): string {
  return text.replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
}
