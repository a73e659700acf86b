//! The standard normal density, distribution function (Cody) and its inverse (AS 241).

use super::FRAC_1_SQRT_2PI;

/// The standard normal density φ(x).
pub fn normal_pdf(x: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * x * x).exp()
}

/// exp(−y²/2) · `factor`, with y² split so that the exponent keeps full accuracy in the
/// far tail (Cody's trick).
pub(super) fn scaled_tail(y: f64, factor: f64) -> f64 {
    let ysq = (y * 16.0).trunc() / 16.0;
    let del = (y - ysq) * (y + ysq);
    (-ysq * ysq * 0.5).exp() * (-del * 0.5).exp() * factor
}

/// The standard normal distribution function Φ(x) = P(Z <= x).
///
/// W. J. Cody's algorithm (ACM TOMS 715, as in R's `pnorm`): relative accuracy near
/// 1e-16 including the lower tail (Φ(−37) = 5.7e-300); the upper tail 1 − Φ(x) is
/// `normal_cdf(-x)` exactly, with the same accuracy.
pub fn normal_cdf(x: f64) -> f64 {
    const A: [f64; 5] = [
        2.235_252_035_460_683_9,
        161.028_231_068_555_88,
        1_067.689_485_460_370_9,
        18_154.981_253_343_56,
        0.065_682_337_918_207_45,
    ];
    const B: [f64; 4] = [
        47.202_581_904_688_24,
        976.098_551_737_776_7,
        10_260.932_208_618_978,
        45_507.789_335_026_73,
    ];
    const C: [f64; 9] = [
        0.398_941_512_088_134_66,
        8.883_149_794_388_376,
        93.506_656_132_177_86,
        597.270_276_394_800_3,
        2_494.537_585_290_372_7,
        6_848.190_450_536_282,
        11_602.651_437_647_35,
        9_842.714_838_383_978,
        1.076_557_677_372_019_2e-8,
    ];
    const D: [f64; 8] = [
        22.266_688_044_328_117,
        235.387_901_782_625,
        1_519.377_599_407_554_8,
        6_485.558_298_266_761,
        18_615.571_640_885_097,
        34_900.952_721_145_98,
        38_912.003_286_093_27,
        19_685.429_676_859_99,
    ];
    const P: [f64; 6] = [
        0.215_898_534_057_957,
        0.127_401_161_160_247_36,
        0.022_235_277_870_649_807,
        0.001_421_619_193_227_893_5,
        2.911_287_495_116_879e-5,
        0.023_073_441_764_940_174,
    ];
    const Q: [f64; 5] = [
        1.284_260_096_144_911,
        0.468_238_212_480_865_1,
        0.065_988_137_868_928_55,
        0.003_782_396_332_027_582_4,
        7.297_515_550_839_662e-5,
    ];
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.abs();
    if y <= 0.674_489_75 {
        let (mut num, mut den) = (0.0, 0.0);
        if y > f64::EPSILON * 0.5 {
            let xsq = x * x;
            num = A[4] * xsq;
            den = xsq;
            for i in 0..3 {
                num = (num + A[i]) * xsq;
                den = (den + B[i]) * xsq;
            }
        }
        return 0.5 + x * (num + A[3]) / (den + B[3]);
    }
    // The lower tail Φ(−y) for y > 0.674.
    let tail = if y <= 32f64.sqrt() {
        let mut num = C[8] * y;
        let mut den = y;
        for i in 0..7 {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        scaled_tail(y, (num + C[7]) / (den + D[7]))
    } else if y < 38.5 {
        let xsq = 1.0 / (x * x);
        let mut num = P[5] * xsq;
        let mut den = xsq;
        for i in 0..4 {
            num = (num + P[i]) * xsq;
            den = (den + Q[i]) * xsq;
        }
        let r = xsq * (num + P[4]) / (den + Q[4]);
        scaled_tail(y, (FRAC_1_SQRT_2PI - r) / y)
    } else {
        0.0
    };
    if x > 0.0 { 1.0 - tail } else { tail }
}

/// Evaluates `c[0] + c[1] x + ... + c[7] x^7` by Horner's rule.
#[inline(always)]
pub(super) fn poly7(c: &[f64; 8], x: f64) -> f64 {
    let mut acc = c[7];
    for &k in c[..7].iter().rev() {
        acc = acc * x + k;
    }
    acc
}

/// AS 241 coefficients for |p − 0.5| <= 0.425, ascending powers.
const AS241_A: [f64; 8] = [
    3.387_132_872_796_366_5,
    133.141_667_891_784_38,
    1_971.590_950_306_551_4,
    13_731.693_765_509_46,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
const AS241_B: [f64; 8] = [
    1.0,
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_596,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_854,
];
/// AS 241 coefficients for the tails with r = sqrt(−ln min(p, 1 − p)) <= 5.
const AS241_C: [f64; 8] = [
    1.423_437_110_749_683_5,
    4.630_337_846_156_545,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    7.745_450_142_783_414e-4,
];
const AS241_D: [f64; 8] = [
    1.0,
    2.053_191_626_637_759,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_08,
    0.015_198_666_563_616_457,
    5.475_938_084_995_345e-4,
    1.050_750_071_644_416_8e-9,
];
/// AS 241 coefficients for the far tails, r > 5.
const AS241_E: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_9,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_1e-7,
];
const AS241_F: [f64; 8] = [
    1.0,
    0.599_832_206_555_888,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    7.868_691_311_456_133e-4,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_446e-7,
    2.044_263_103_389_939_8e-15,
];

/// The inverse of the standard normal distribution function, Φ⁻¹(p), for p in [0, 1]
/// (−∞ at 0, +∞ at 1, NaN outside).
///
/// M. J. Wichura's algorithm AS 241, PPND16 (Applied Statistics 37, 1988), accurate to
/// about 1 part in 1e16. This is the normal sampler's hot path.
#[inline]
pub fn inverse_normal_cdf(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly7(&AS241_A, r) / poly7(&AS241_B, r);
    }
    tail_inverse_normal(p, q)
}

/// AS 241 outside the central region (|p − 0.5| > 0.425); kept out of line so that the
/// common central case inlines small.
#[inline(never)]
pub(super) fn tail_inverse_normal(p: f64, q: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    if r == 0.0 {
        return if q < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let r = (-r.ln()).sqrt();
    let value = if r <= 5.0 {
        let r = r - 1.6;
        poly7(&AS241_C, r) / poly7(&AS241_D, r)
    } else {
        let r = r - 5.0;
        poly7(&AS241_E, r) / poly7(&AS241_F, r)
    };
    if q < 0.0 { -value } else { value }
}
