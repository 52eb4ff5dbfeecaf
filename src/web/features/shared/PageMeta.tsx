import { useTranslation } from 'react-i18next';

/** The document title and description of a page; React hoists both into <head>. */
export function PageMeta({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${title} · ${t('brand.short')}`}</title>
      <meta name="description" content={description} />
    </>
  );
}
