import { describe, expect, it } from 'vitest';
import { decodedPath } from '../../src/checks/http/listing-signals.js';
import { capEvidence, formatCounts, maskFileName, maskSecret } from '../../src/checks/mask.js';

describe('masking', () => {
  it('keeps two characters and the length of a secret', () => {
    expect(maskSecret('secretpasswd')).toBe('se…(12)');
    expect(maskSecret('x')).toBe('x…(1)');
    expect(maskSecret('')).toBe('…(0)');
    expect(maskSecret('äöü-geheim')).toBe('äö…(10)');
  });

  it('keeps only length and extension of a file name, not even initials', () => {
    expect(maskFileName('Befund_Quellmann_Ilse_2019-03-04.pdf')).toBe('…(36).pdf');
    expect(maskFileName('/befunde/Scan_Tannwald.TIFF')).toBe('…(18).tiff');
    expect(maskFileName('Quellmann')).toBe('…(9)');
    expect(maskFileName('Quellmann.Ilse.Akte-vollstaendig')).toBe('…(32)');
  });

  it('formats counts largest first and caps evidence', () => {
    expect(formatCounts(new Map([['dicom', 2], ['pdf', 5], ['word', 2]]))).toBe('5 pdf, 2 dicom, 2 word');
    expect(capEvidence('a'.repeat(600))).toHaveLength(500);
    expect(capEvidence('short')).toBe('short');
  });

  it('masks a listed document by the length of its real name, not of its URL escape', () => {
    const href = '/befunde/Arztbrief%20M%C3%BCrringerth.docx';
    expect(maskFileName(decodedPath(href))).toBe('…(26).docx');
    expect(decodedPath('/bad%E0%A4%A.pdf')).toBe('/bad%E0%A4%A.pdf');
  });
});
