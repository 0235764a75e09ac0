/**
 * A cell's text that does not keep the file's text alive. V8 makes a substring of 13 characters
 * or more a view into the string it was cut from: an id kept in a record, or a cache key, would
 * keep the whole decoded chunk (1 MB) it came from, and so in the end the whole file. Joining
 * makes a flat copy; slicing that back is a view of the copy only.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : `${text} `.slice(0, -1);
}
