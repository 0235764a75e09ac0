/**
 * A strict, small XML 1.0 reader for tests: it throws on anything not well-formed (unbalanced or
 * mismatched tags, unquoted or duplicate attributes, a raw `<` or a bare `&`, `]]>` in text, a
 * forbidden character) and returns the element tree with entities decoded.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = '[A-Za-z_:][-A-Za-z0-9_.:]*';
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bare & in ${where}: ${JSON.stringify(raw)}`);
  return raw.replace(ENTITY, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    const ch = String.fromCodePoint(code);
    if (FORBIDDEN.test(ch)) throw new Error(`reference to a forbidden character ${e}`);
    return ch;
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new Error(`forbidden character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  if (rest === xml) throw new Error('no XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const open = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  const close = new RegExp(`^</(${NAME})\\s*>`);
  while (rest.length > 0) {
    if (rest.startsWith('</')) {
      const m = close.exec(rest);
      if (!m) throw new Error(`bad closing tag near ${JSON.stringify(rest.slice(0, 40))}`);
      const top = stack.pop();
      if (!top || top.name !== m[1]) throw new Error(`mismatched </${m[1]}>`);
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith('<')) {
      const m = open.exec(rest);
      if (!m) throw new Error(`bad tag near ${JSON.stringify(rest.slice(0, 60))}`);
      const attrs: Record<string, string> = {};
      for (const a of (m[2] ?? '').matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
      }
      const el: XmlElement = { name: m[1]!, attrs, children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (m[3] !== '/') stack.push(el);
      rest = rest.slice(m[0].length);
    } else {
      const end = rest.indexOf('<');
      const raw = end === -1 ? rest : rest.slice(0, end);
      if (raw.includes(']]>')) throw new Error(']]> in text');
      const parent = stack.at(-1);
      if (!parent) {
        if (raw.trim() !== '') throw new Error('text outside the root element');
      } else parent.text += decode(raw, `<${parent.name}> text`);
      rest = end === -1 ? '' : rest.slice(end);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}
