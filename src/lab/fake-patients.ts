import { FAKE_SURNAMES } from './fake-documents.js';

/**
 * Synthetic patients for the PACS and FHIR fixtures: invented names (the same surnames as the
 * fake documents, so one "no fake name in any output" test covers every lab), invented dates,
 * ids that say they are fake. Deterministic, so a lab looks the same on every start.
 */
export interface FakeStudy {
  uid: string;
  date: string; // YYYYMMDD
  modality: string;
  description: string;
}

export interface FakePatient {
  id: string;
  family: string;
  given: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'F' | 'M';
  studies: FakeStudy[];
}

const GIVEN = ['Ilse', 'Jorin', 'Malte', 'Henrike', 'Odila', 'Bertram', 'Wiebke', 'Konrad'];
const STUDY_KINDS = [
  { modality: 'CR', description: 'Thorax pa' },
  { modality: 'MG', description: 'Mammographie beidseits' },
  { modality: 'DX', description: 'Knie links' },
];

export function fakePatients(count: number): FakePatient[] {
  const patients: FakePatient[] = [];
  for (let i = 0; i < count; i++) {
    const studies = Array.from({ length: 1 + (i % 2) }, (_, j) => {
      const kind = STUDY_KINDS[(i + j) % STUDY_KINDS.length] ?? { modality: 'OT', description: 'Studie' };
      return {
        uid: `1.2.826.0.1.3680043.10.1977.${i + 1}.${j + 1}`,
        date: `2019${String(1 + ((i * 5 + j) % 12)).padStart(2, '0')}${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
        ...kind,
      };
    });
    patients.push({
      id: `FAKE-${String(1000 + i)}`,
      family: FAKE_SURNAMES[i % FAKE_SURNAMES.length] ?? 'Quellmann',
      given: GIVEN[(i * 3) % GIVEN.length] ?? 'Ilse',
      birthDate: `19${50 + ((i * 7) % 45)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
      sex: i % 2 === 0 ? 'F' : 'M',
      studies,
    });
  }
  return patients;
}

export const FAKE_GIVEN_NAMES: readonly string[] = GIVEN;
