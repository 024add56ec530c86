// A letter as a PDF to print and post: the filed text of the letter, word for word, on A4 pages.
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const SIZE = 11;
const LEADING = 15;

// The standard PDF fonts cover Windows-1252 only; anything else is shown as "?" rather than failing the letter.
function printable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, paragraph: string, width: number): string[] {
  const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, SIZE) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** A letter to print: its filed text and, for one to post, who it goes to and where (shown in an envelope's window). */
export interface PrintedLetter {
  readonly title: string;
  readonly text: string;
  readonly addressee?: { readonly name: string | null; readonly address: string | null };
}

/** The letter's paragraphs as printed: the addressee's name and address lines first (one a line), then the filed text. */
export function printedParagraphs(letter: PrintedLetter): string[] {
  const to = letter.addressee;
  const block = to ? [to.name, ...(to.address ?? '').split(/\r?\n|,\s*/)].map((l) => l?.trim() ?? '').filter((l) => l.length > 0) : [];
  return [...(block.length ? [...block, ''] : []), ...letter.text.split(/\r?\n/)];
}

/**
 * Renders a letter's text as an A4 PDF, with the addressee's name and address at the top of a letter to post.
 * @example await letterPdf({ title: 'C-7K2M9Q4T stage 1 response', text: letter.text })
 */
export async function letterPdf(letter: PrintedLetter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(letter.title);
  pdf.setCreator('Redress');
  // A fixed date keeps the bytes of one letter the same each time it is printed.
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const width = A4.width - 2 * MARGIN;
  const lines = printedParagraphs(letter).flatMap((p) => wrap(font, printable(font, p), width));
  let page = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  for (const line of lines) {
    if (y < MARGIN) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
    page.drawText(line, { x: MARGIN, y, size: SIZE, font });
    y -= LEADING;
  }
  return pdf.save();
}
