//! The writing helpers: whole files or none, whole folders or none, exact floats.
use dlfs_experiments::output::{Table, num, publish_dir, write_atomic};
use proptest::prelude::*;

#[test]
fn a_failed_build_leaves_the_old_folder_untouched() {
    let target = std::env::temp_dir().join(format!("dlfs-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    publish_dir(&target, |d| write_atomic(&d.join("a.csv"), b"old\n")).unwrap();
    let err: anyhow::Result<()> = publish_dir(&target, |d| {
        write_atomic(&d.join("a.csv"), b"new\n")?;
        anyhow::bail!("interrupted")
    });
    assert!(err.is_err());
    assert_eq!(std::fs::read(target.join("a.csv")).unwrap(), b"old\n");
    let names: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains(&format!("dlfs-publish-{}", std::process::id())) && n.starts_with('.')
        })
        .collect();
    assert!(names.is_empty(), "temporary folders left: {names:?}");
    std::fs::remove_dir_all(&target).unwrap();
}

#[test]
fn tables_are_csv_with_a_header() {
    let mut t = Table::new(&["a", "b"]);
    t.push(vec!["1".into(), "x,y".into()]);
    assert_eq!(
        String::from_utf8(t.to_csv().unwrap()).unwrap(),
        "a,b\n1,\"x,y\"\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_floats_read_back_as_the_same_f64(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        prop_assert_eq!(num(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
    }
}
