import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { letterPdf, printedParagraphs } from '../../../src/http/console/letter-pdf.ts';

describe('a letter printed as a PDF', () => {
  it('puts a long letter on as many A4 pages as it needs, the same bytes each time', async () => {
    const text = ['Dear Ms Resident,', '', ...Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1}: we have looked into your complaint about the damp in the bedroom.`)].join('\n');

    const first = await letterPdf({ title: 'C-2MQS7YT4 stage 1 response', text });
    const again = await letterPdf({ title: 'C-2MQS7YT4 stage 1 response', text });
    const pdf = await PDFDocument.load(first);

    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(pdf.getTitle()).toBe('C-2MQS7YT4 stage 1 response');
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('prints a character the standard fonts lack as a question mark rather than failing the letter', async () => {
    const pdf = await letterPdf({ title: 'x', text: 'Café £10 – 日本 ok' });

    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });

  it('puts the resident\'s name and address, a line each, above a letter to post', () => {
    const paragraphs = printedParagraphs({ title: 'x', text: 'Dear Ms Jones,\nWe have your complaint.', addressee: { name: 'Edna Jones', address: '4 Elm Court, Leeds\nLS1 4AA' } });

    expect(paragraphs).toEqual(['Edna Jones', '4 Elm Court', 'Leeds', 'LS1 4AA', '', 'Dear Ms Jones,', 'We have your complaint.']);
    expect(printedParagraphs({ title: 'x', text: 'Dear Rita,' })).toEqual(['Dear Rita,']);
  });
});
