import { rq, responses, single } from '../testing/qbxml-test-kit';
import { smallCompany } from '../testing/companies';

const addCustomer = (name: string) =>
  `<CustomerAddRq><CustomerAdd><Name>${name}</Name></CustomerAdd></CustomerAddRq>`;

describe('CompanyFile faults', () => {
  it('refuses a chosen record with a chosen status, a chosen number of times', async () => {
    const company = smallCompany();
    const session = company.beginSession();
    company.faults.refuse = [
      {
        request: 'CustomerAddRq',
        fields: { Name: 'Example Tenants Association' },
        statusCode: 3180,
        times: 1,
      },
    ];

    const [refused, other] = responses(
      await company.handleRequest(
        rq(addCustomer('Example Tenants Association') + addCustomer('Someone Else'), {
          onError: 'continueOnError',
        }),
        session,
      ),
    );
    const retried = single(
      await company.handleRequest(
        rq(addCustomer('Example Tenants Association')),
        session,
      ),
    );

    expect([refused.attrs['statusCode'], refused.attrs['statusSeverity']]).toEqual([
      '3180',
      'Error',
    ]);
    expect(refused.attrs['statusMessage']).toContain('modified by another user');
    expect(other.attrs['statusCode']).toBe('0');
    expect(retried.attrs['statusCode']).toBe('0');
    expect(company.data.find('Customer', 'Example Tenants Association')).toBeDefined();
  });

  it('uses the given message and the severity that goes with the code', async () => {
    const company = smallCompany();
    company.faults.refuse = [
      {
        fields: { FullName: 'Harbor Line Electric' },
        statusCode: 530,
        statusMessage: 'Field not supported',
      },
    ];

    const rs = single(
      await company.handleRequest(
        rq(
          '<CustomerQueryRq><FullName>Harbor Line Electric</FullName></CustomerQueryRq>',
        ),
        company.beginSession(),
      ),
    );

    expect(rs.attrs).toMatchObject({
      statusCode: '530',
      statusSeverity: 'Warn',
      statusMessage: 'Field not supported',
    });
  });

  it('answers slowly when asked to', async () => {
    const company = smallCompany({ validateSchema: false });
    company.faults.delayMs = 120;
    const started = Date.now();

    await company.handleRequest(rq('<ClassQueryRq/>'), company.beginSession());

    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });
});
