package uk.forcecompare.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void everyContractFormRoundTrips() {
        assertThat(Period.parse("2023-05")).isEqualTo(new Period(LocalDate.of(2023, 5, 1), LocalDate.of(2023, 5, 31), Period.Form.MONTH));
        assertThat(Period.parse("2023-01..2023-12")).isEqualTo(new Period(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), Period.Form.MONTH_RANGE));
        assertThat(Period.parse("FY2022/23")).isEqualTo(new Period(LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31), Period.Form.FINANCIAL_YEAR));
        assertThat(Period.parse("2022-03-31")).isEqualTo(new Period(LocalDate.of(2022, 3, 31), LocalDate.of(2022, 3, 31), Period.Form.AS_AT));
        for (String t : new String[] {"2023-05", "2023-01..2023-12", "FY2022/23", "2022-03-31", "FY1999/00"}) {
            assertThat(Period.parse(t).text()).isEqualTo(t);
        }
    }

    @Test
    void financialYearAcrossTheCentury() {
        assertThat(Period.parse("FY1999/00").end()).isEqualTo(LocalDate.of(2000, 3, 31));
        assertThat(Period.parse("FY2022/2023")).isEqualTo(Period.financialYear(2022));
    }

    @Test
    void describedAsTheReportsSayIt() {
        assertThat(Period.parse("2023-01..2023-12").describe()).isEqualTo("the year ending 31 December 2023");
        assertThat(Period.parse("FY2022/23").describe()).isEqualTo("the year ending 31 March 2023");
        assertThat(Period.parse("2022-03-31").describe()).isEqualTo("31 March 2022");
    }

    @Test
    void coverDatesBecomeTheContractsForms() {
        assertThat(Period.between(LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31))).isEqualTo(Period.financialYear(2022));
        assertThat(Period.between(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 6, 30)).text()).isEqualTo("2023-01..2023-06");
    }

    @Test
    void nonsenseIsRefusedWithTheFormsNamed() {
        assertThatThrownBy(() -> Period.parse("2023")).hasMessageContaining("YYYY-MM..YYYY-MM");
        assertThatThrownBy(() -> Period.parse("2023-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Period.parse("FY2022/24")).hasMessageContaining("April to March");
        assertThatThrownBy(() -> Period.parse("2023-12..2023-01")).hasMessageContaining("ends before");
    }
}
