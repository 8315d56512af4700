import type { CompetitionTemplate } from '../competition-templates';
import type { FormField } from '../rulebook.types';
import {
  BOTH_LANGUAGES,
  criterion,
  DEFAULT_DEADLINES,
  DEFAULT_SELECTION,
  doc,
  integer,
  textarea,
} from './template-parts';
import { YOUTH_CORPS_REGIONS } from './youth-micro-projects.template';

function yesNo(key: string, kk: string, ru: string): FormField {
  return { key, label: { kk, ru }, type: 'boolean', required: true };
}

/**
 * Selection of host organizations (қабылдаушы ұйым) that will submit youth micro-projects on
 * groups' behalf and get 15% overhead (seed 002, «Қабылдаушы ұйымдарды конкурстық іріктеу»).
 * The pass/fail conditions are asked as yes/no answers and proven by documents, so technical
 * screening can check them; the commission scores the rest.
 */
export const HOST_ORGANIZATION_SELECTION_TEMPLATE: CompetitionTemplate = {
  code: 'host-organization-selection',
  kind: 'selection',
  name: {
    kk: 'Қабылдаушы ұйымдарды конкурстық іріктеу',
    ru: 'Конкурсный отбор принимающих организаций',
  },
  description: {
    kk:
      'Жастар ұйымдары, жарғылық мақсаттарында жастарды дамыту мен қолдау қарастырылған коммерциялық емес ұйымдар және ' +
      'корпоративтік әлеуметтік жауапкершілік бағдарламаларын іске асыратын жеке ұйымдар қатыса алады. Іріктеу өлшемдері: ' +
      'облыста кемінде 1 жыл заңды тіркелуі, жарғылық мақсаттардың сәйкестігі, жастармен жоба тәжірибесі, басшы мен есепшінің ' +
      'болуы, салық берешегінің болмауы, жосықсыз жеткізушілер тізілімінде болмауы, барлық құжаттардың болуы.',
    ru:
      'Участвуют молодёжные организации, некоммерческие организации, в уставных целях которых предусмотрены развитие и ' +
      'поддержка молодёжи, и частные организации, реализующие программы корпоративной социальной ответственности. Критерии: ' +
      'юридическая регистрация в области не менее 1 года, соответствие уставных целей, опыт проектов с молодёжью, наличие ' +
      'руководителя и бухгалтера, отсутствие налоговой задолженности, отсутствие в реестре недобросовестных поставщиков, полный пакет документов.',
  },
  rulebook: {
    applicantKinds: ['ngo'],
    team: null,
    limits: { onePersonOneApplication: false, oneApplicationPerGroup: true },
    territory: { scope: YOUTH_CORPS_REGIONS, level: 'region' },
    directions: [],
    fields: [
      {
        key: 'organizationType',
        label: { kk: 'Ұйымның түрі', ru: 'Тип организации' },
        type: 'select',
        required: true,
        options: [
          { value: 'youth_organization', label: { kk: 'Жастар ұйымы', ru: 'Молодёжная организация' } },
          { value: 'non_commercial', label: { kk: 'Коммерциялық емес ұйым', ru: 'Некоммерческая организация' } },
          {
            value: 'private_csr',
            label: {
              kk: 'Корпоративтік әлеуметтік жауапкершілік бағдарламасын іске асыратын жеке ұйым',
              ru: 'Частная организация, реализующая программу корпоративной социальной ответственности',
            },
          },
        ],
      },
      {
        key: 'registeredInRegionOn',
        label: { kk: 'Облыста заңды тіркелген күні', ru: 'Дата юридической регистрации в области' },
        type: 'date',
        required: true,
      },
      textarea(
        'statutoryGoals',
        'Жастарды дамыту мен қолдауға қатысты жарғылық мақсаттар',
        'Уставные цели, касающиеся развития и поддержки молодёжи',
        2000,
      ),
      textarea(
        'youthProjectsExperience',
        'Жастардың қатысуымен іске асырылған әлеуметтік жобалар (атауы, жылы, нәтижесі)',
        'Реализованные социальные проекты с участием молодёжи (название, год, результат)',
        4000,
      ),
      integer(
        'youthProjectsCount',
        'Жастармен іске асырылған жобалар саны',
        'Количество проектов, реализованных с молодёжью',
        0,
        1000,
      ),
      yesNo('hasHead', 'Ұйымның басшысы бар', 'В организации есть руководитель'),
      yesNo('hasAccountant', 'Ұйымның есепшісі бар', 'В организации есть бухгалтер'),
      yesNo('noTaxDebts', 'Салық және өзге берешектер жоқ', 'Налоговая и иная задолженность отсутствует'),
      yesNo(
        'notInUnreliableSuppliersRegister',
        'Ұйым жосықсыз жеткізушілер тізілімінде жоқ',
        'Организация не состоит в реестре недобросовестных поставщиков',
      ),
    ],
    documents: [
      doc('charter', 'Ұйымның жарғысы', 'Устав организации', true, ['pdf']),
      doc(
        'registration_certificate',
        'Заңды тұлғаны мемлекеттік тіркеу туралы анықтама',
        'Справка о государственной регистрации юридического лица',
        true,
      ),
      doc(
        'no_tax_debt_certificate',
        'Салық берешегінің жоқтығы туралы анықтама',
        'Справка об отсутствии налоговой задолженности',
        true,
      ),
      doc(
        'staff_orders',
        'Басшы мен есепшіні тағайындау туралы бұйрықтар',
        'Приказы о назначении руководителя и бухгалтера',
        true,
      ),
      doc(
        'experience_proofs',
        'Жобалар тәжірибесін растайтын құжаттар',
        'Документы, подтверждающие опыт реализации проектов',
        false,
        ['pdf', 'jpg', 'png', 'docx'],
      ),
    ],
    funding: null,
    criteria: [
      criterion(
        'registration_in_region',
        'Облыста кемінде 1 жыл заңды тіркелуі',
        'Юридическая регистрация в области не менее 1 года',
        1,
        5,
      ),
      criterion(
        'statutory_goals',
        'Мәлімделген қызметтің жарғылық мақсаттарға сәйкестігі',
        'Соответствие заявленной деятельности уставным целям',
        2,
        5,
        3,
      ),
      criterion(
        'youth_project_experience',
        'Жастардың қатысуымен әлеуметтік жобаларды іске асыру тәжірибесі',
        'Опыт реализации социальных проектов с участием молодёжи',
        3,
        5,
        3,
      ),
      criterion(
        'staff_capacity',
        'Басшы мен есепшінің болуы, ұйымның әлеуеті',
        'Наличие руководителя и бухгалтера, потенциал организации',
        2,
        5,
      ),
      criterion(
        'compliance',
        'Берешектің жоқтығы, жосықсыз жеткізушілер тізілімінде болмауы, құжаттардың толықтығы',
        'Отсутствие задолженности и записи в реестре недобросовестных поставщиков, полнота документов',
        2,
        5,
      ),
    ],
    selection: { ...DEFAULT_SELECTION, oneWinnerPer: null },
    nominations: [],
    draw: null,
    deadlines: DEFAULT_DEADLINES,
    languages: BOTH_LANGUAGES,
    numberPrefix: 'HO',
  },
};
