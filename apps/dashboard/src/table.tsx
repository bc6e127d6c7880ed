import { Fig, type Format } from './figure';

// The markup every figure table repeats: a header row of column titles, and a row's figures each in its cell.

export function Head({ titles }: { titles: readonly string[] }) {
  return (
    <thead>
      <tr>
        {titles.map((title) => (
          <th scope="col" key={title}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** One cell per field of `row`, each a figure keyed `<k>.<field>`, in the order given. */
export function FigCells<R, F extends keyof R & string>({
  k,
  row,
  fields,
}: {
  k: string;
  row: R;
  fields: readonly (F | readonly [F, Format])[];
}) {
  return (
    <>
      {fields.map((field) => {
        const [name, as] = typeof field === 'string' ? [field, undefined] : field;
        return (
          <td key={name}>
            <Fig k={`${k}.${name}`} v={row[name] as number | string | null} as={as} />
          </td>
        );
      })}
    </>
  );
}
