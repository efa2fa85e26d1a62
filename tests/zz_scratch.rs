use biaozhu::segment::Segmenter;
#[test]
fn show() {
    let s = Segmenter::embedded();
    for line in std::fs::read_to_string("/tmp/an/lines.txt")
        .unwrap()
        .lines()
    {
        let chars: Vec<char> = line.chars().collect();
        let w: Vec<String> = s
            .dictionary_parts_of_speech(line)
            .into_iter()
            .map(|(a, b, t)| chars[a as usize..b as usize].iter().collect::<String>() + "/" + &t)
            .collect();
        println!("{}", w.join(" "));
    }
}
